package dev.strand.examples.hello;

import dev.strand.Context;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.Router;

/**
 * Hello is the seed's minimal server. Go's version registers {@code HandleRoot} on {@code "/"}, which
 * matches every path; here it is {@code GET /{$}}, the root only, so other paths get a 404 problem
 * and other methods a 405 with {@code Allow}, as in the user API.
 */
public final class Hello {
  private Hello() {}

  /**
   * Returns the hello app's router.
   *
   * @return a router serving {@code GET /}
   */
  public static Router router() {
    return Router.create().handle("GET /{$}", Hello::root);
  }

  /**
   * Answers {@code GET /}: the seed's {@code HandleRoot}.
   *
   * @param ctx the request's context
   * @param request the request
   * @return 200 {@code text/plain; charset=utf-8} {@code Hello from Strand}
   */
  public static Response root(Context ctx, Request request) {
    return Response.text("Hello from Strand");
  }
}
