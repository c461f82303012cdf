package dev.strand.snippets;

import static dev.strand.snippets.MiddlewareSnippets.noStore;
import static dev.strand.snippets.UserApiSnippets.createUser;
import static dev.strand.snippets.UserApiSnippets.getUser;

import dev.strand.Handler;
import dev.strand.Middleware;
import dev.strand.Response;
import dev.strand.Router;
import dev.strand.snippets.UserApiSnippets.UserStore;
import java.time.Duration;

/** Routing: the seed's user API on a Router, middleware, per-route limits, conflicts. */
public final class RouterSnippets {
  private RouterSnippets() {}

  static Router userApi(UserStore store) {
    // @start region=user-api
    Router router = Router.create()
        .handle("GET /{$}", (ctx, req) -> Response.text("Hello from Strand")) // "/" only
        .handle("GET /user/{id}", getUser(store))     // req.pathValue("id")
        .handle("POST /users", createUser(store))
        .handle("GET /files/{path...}", (ctx, req) -> Response.text("file " + req.pathValue("path").orElseThrow()));
    // @end
    return router;
  }

  static Router withMiddleware(Router router, Handler upload, Handler report) {
    // @start region=use
    router.use(noStore()) // around every route, in the order added
        .handle("POST /upload", Middleware.bodyLimit(64 * 1024).wrap(upload))       // one route's limit
        .handle("GET /report", Middleware.timeout(Duration.ofSeconds(10)).wrap(report)); // one route's deadline
    // @end
    return router;
  }

  static void conflict(Handler h) {
    // @start region=conflict
    Router.create()
        .handle("GET /b/{x}", h)
        .handle("/b/c", h); // IllegalArgumentException: neither is more specific; the message names both
    // @end
  }
}
