package dev.strand.snippets;

import static dev.strand.snippets.ContextSnippets.tenant;

import dev.strand.Handler;
import dev.strand.Middleware;
import java.time.Duration;

/** Middleware: writing one, and wrapping handlers in the shipped ones. */
public final class MiddlewareSnippets {
  private MiddlewareSnippets() {}

  // @start region=custom
  static Middleware noStore() {
    return next -> (ctx, request) -> next.serve(ctx, request).withHeader("Cache-Control", "no-store");
  }
  // @end

  static Handler wrapped(Handler upload, Handler report) {
    // @start region=per-handler
    Handler smallUploads = Middleware.bodyLimit(64 * 1024).wrap(upload);
    Handler slowReport = Middleware.timeout(Duration.ofSeconds(10)).wrap(report);
    // @end
    return (ctx, request) -> request.method().equals("POST")
        ? smallUploads.serve(ctx, request)
        : slowReport.serve(ctx, request);
  }

  static Handler chained(Handler handler) {
    // @start region=chain
    Handler api = Middleware.chain(noStore(), tenant(), Middleware.timeout(Duration.ofSeconds(2)))
        .wrap(handler); // noStore sees the request first and the response last
    // @end
    return api;
  }
}
