package dev.strand;

import dev.strand.internal.Deadlines;
import dev.strand.internal.Pipeline;
import dev.strand.internal.RequestIds;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A Middleware wraps a {@link Handler} in another: a function from handler to handler, run in the
 * order composed.
 *
 * <p>{@code Middleware.chain(a, b).wrap(h)} is {@code a.wrap(b.wrap(h))}: {@code a} sees the request
 * first and the response last. The server already applies request ids, recovery, the access log, the
 * request deadline and the body limit to every request; the factories here let you add them around
 * part of a router, such as a shorter timeout or a smaller body limit on one route:
 *
 * {@snippet class=dev.strand.snippets.RouterSnippets region=use}
 *
 * <p>Outside a router, wrap a handler directly:
 *
 * {@snippet class=dev.strand.snippets.MiddlewareSnippets region=per-handler}
 *
 * <p>Writing one takes a lambda: this one marks every response of the handler it wraps as not to be
 * cached.
 *
 * {@snippet class=dev.strand.snippets.MiddlewareSnippets region=custom}
 *
 * {@snippet class=dev.strand.snippets.MiddlewareSnippets region=chain}
 */
@FunctionalInterface
public interface Middleware {

  /**
   * Wraps {@code next}.
   *
   * @param next the handler to call inside
   * @return the wrapping handler
   */
  Handler wrap(Handler next);

  /**
   * Returns this middleware with {@code inner} inside it.
   *
   * @param inner the middleware to run after this one
   * @return the composition
   */
  default Middleware andThen(Middleware inner) {
    Objects.requireNonNull(inner, "inner");
    return next -> wrap(inner.wrap(next));
  }

  /**
   * Composes middleware, the first outermost.
   *
   * @param middleware in the order a request meets them
   * @return the composition; the identity for none
   */
  static Middleware chain(Middleware... middleware) {
    Middleware m = next -> next;
    for (Middleware each : middleware) {
      m = m.andThen(each);
    }
    return m;
  }

  /**
   * Returns middleware that turns a panic (a thrown exception) into a 500 problem response, logged
   * once at ERROR with the request id and stack trace; an exception after the context ended becomes
   * that context's answer (504, 503). The server does this for every request already; use it to
   * recover inside a part of your handler tree.
   *
   * @return the recovery middleware
   */
  static Middleware recovery() {
    return next -> (ctx, request) -> {
      try {
        return next.serve(ctx, request);
      } catch (Exception | StackOverflowError e) {
        Response r = Pipeline.failure(ctx, request, e);
        if (r == null) {
          throw e;
        }
        return r;
      }
    };
  }

  /**
   * Returns middleware that gives the request an id (the client's {@code X-Request-Id} when it is 1
   * to 64 of {@code [A-Za-z0-9._-]}, else a new one), puts it in the logging MDC under
   * {@code requestId} and echoes it in the response. The server does this for every request already.
   *
   * @return the request id middleware
   */
  static Middleware requestId() {
    return next -> (ctx, request) -> {
      String id = RequestIds.isValid(request.id()) && !request.id().equals("test")
          ? request.id()
          : RequestIds.choose(request.header("X-Request-Id").orElse(null));
      Request withId = id.equals(request.id()) ? request : request.toBuilder().id(id).build();
      String previous = MDC.get(Pipeline.MDC_REQUEST_ID);
      MDC.put(Pipeline.MDC_REQUEST_ID, id);
      try {
        return next.serve(ctx, withId).withHeader("X-Request-Id", id);
      } finally {
        if (previous == null) {
          MDC.remove(Pipeline.MDC_REQUEST_ID);
        } else {
          MDC.put(Pipeline.MDC_REQUEST_ID, previous);
        }
      }
    };
  }

  /**
   * Returns middleware that writes one line per request on logger {@code dev.strand.access}: method,
   * target, status, duration, request id and matched pattern. The server writes one already (see
   * {@link ServerConfig#withAccessLog(boolean)}); use this for handlers run outside a server.
   *
   * @return the access log middleware
   */
  static Middleware accessLog() {
    Logger access = LoggerFactory.getLogger("dev.strand.access");
    return next -> (ctx, request) -> {
      long start = System.nanoTime();
      int status = 500;
      try {
        Response r = next.serve(ctx, request);
        status = r.status();
        return r;
      } finally {
        access.info(
            "\"{} {} {}\" {} {}ms id={}{}",
            request.method(),
            request.target(),
            request.protocol(),
            status,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
            request.id(),
            request.pattern().map(p -> " pattern=\"" + p + "\"").orElse(""));
      }
    };
  }

  /**
   * Returns middleware that gives the wrapped handler a shorter deadline: its context ends after
   * {@code timeout} (or earlier, with the request's), and the client gets a 504 problem at that
   * moment even if the handler ignores its context; the handler's thread is interrupted.
   *
   * @param timeout the handler's time budget
   * @return the timeout middleware
   */
  static Middleware timeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("strand: timeout must be positive, got " + timeout);
    }
    return next -> (ctx, request) -> {
      try (CancelableContext child = ctx.withTimeout(timeout)) {
        return Deadlines.call(child, request, next);
      }
    };
  }

  /**
   * Returns middleware that lowers the request body limit to {@code maxBytes} for the wrapped
   * handler: a body declared larger is refused with 413 before it is read, and reading past the
   * limit stops with 413. It cannot raise the server's limit.
   *
   * @param maxBytes the largest body allowed, in bytes
   * @return the body limit middleware
   */
  static Middleware bodyLimit(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("strand: body limit must be >= 0, got " + maxBytes);
    }
    return next -> (ctx, request) -> {
      long limit = Math.min(maxBytes, request.bodyLimit());
      if (request.contentLength() > limit) {
        return Pipeline.bodyTooLarge(limit);
      }
      return next.serve(ctx, limit == request.bodyLimit() ? request : request.toBuilder().bodyLimit(limit).build());
    };
  }
}
