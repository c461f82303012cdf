package dev.strand.snippets;

import dev.strand.CancelableContext;
import dev.strand.Context;
import dev.strand.Handler;
import dev.strand.Middleware;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.Result;
import dev.strand.model.User;
import dev.strand.snippets.UserApiSnippets.LookupError;
import dev.strand.snippets.UserApiSnippets.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Contexts: timeouts, values, after-functions and detached work. */
public final class ContextSnippets {
  private ContextSnippets() {}

  // @start region=with-timeout
  static Result<User, LookupError> findQuickly(Context ctx, UserStore store, long id) {
    try (CancelableContext c = ctx.withTimeout(Duration.ofMillis(200))) { // defer cancel()
      return store.find(c, id);
    }
  }
  // @end

  // @start region=values
  static final Context.Key<String> TENANT = Context.Key.of("tenant");

  static Middleware tenant() {
    return next -> (ctx, request) -> {
      String tenant = request.header("X-Tenant").orElse("public");
      return next.serve(ctx.withValue(TENANT, tenant), request);
    };
  }

  static Response whoAmI(Context ctx, Request request) {
    return Response.text("tenant " + ctx.value(TENANT).orElse("none"));
  }
  // @end

  // @start region=time-left
  static Response timeLeft(Context ctx, Request request) {
    Duration left = ctx.deadline().map(d -> Duration.between(Instant.now(), d)).orElse(Duration.ZERO);
    return Response.text(left.toMillis() > 500 ? "plenty of time" : "hurry");
  }
  // @end

  // @start region=on-done
  static Response report(Context ctx, Request request) throws InterruptedException, ExecutionException {
    CompletableFuture<String> query = CompletableFuture.supplyAsync(() -> "42 rows");
    Context.Registration stop = ctx.onDone(() -> query.cancel(true)); // Go's context.AfterFunc
    try {
      return Response.text(query.get());
    } finally {
      stop.cancel(); // the query is done: no need to cancel it any more
    }
  }
  // @end

  /** Where audit entries go; a real one writes to a database within {@code ctx}'s limits. */
  interface AuditLog {
    void write(Context ctx, String entry);
  }

  // @start region=without-cancel
  static Handler audited(Handler next, AuditLog audit) {
    return (ctx, request) -> {
      Response response = next.serve(ctx, request);
      Context detached = ctx.withoutCancel(); // keeps the values, not the deadline or cancellation
      String entry = request.method() + " " + request.path() + " " + response.status();
      Thread.ofVirtual().start(() -> audit.write(detached, entry)); // outlives the request
      return response;
    };
  }
  // @end
}
