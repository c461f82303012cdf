package dev.strand;

import dev.strand.internal.mux.ConflictIndex;
import dev.strand.internal.mux.MuxPaths;
import dev.strand.internal.mux.Pattern;
import dev.strand.internal.mux.Route;
import dev.strand.internal.mux.RoutingTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Router is a request multiplexer with the patterns and rules of Go 1.22's {@code ServeMux}: it
 * sends each request to the handler whose pattern matches it most specifically.
 *
 * {@snippet class=dev.strand.snippets.RouterSnippets region=user-api}
 *
 * <h2>Patterns</h2>
 *
 * <p>A pattern is {@code [METHOD ][HOST]/[PATH]}. The path is a sequence of segments separated by
 * slashes; a segment is a literal or a wildcard filling the whole segment:
 *
 * <ul>
 *   <li>{@code {name}} matches one segment; its value is {@code request.pathValue("name")}.
 *   <li>{@code {name...}} matches the rest of the path, possibly empty; it must come last.
 *   <li>{@code {$}} after a final slash matches only the end of the path: {@code /{$}} is the root
 *       alone, where {@code /} is every path.
 *   <li>A path ending in {@code /} matches every path under it: {@code /static/}.
 * </ul>
 *
 * <p>With a method, the pattern matches only that method (case-sensitive, as in HTTP: write
 * {@code GET}), except that {@code GET} also matches {@code HEAD}; without one it matches every
 * method. With a host ({@code example.com/x}) it matches
 * only requests for that host (from the {@code Host} header, port ignored, case ignored).
 *
 * <h2>Precedence and conflicts</h2>
 *
 * <p>When several patterns match, the most specific wins: one that matches a strict subset of
 * another's requests (by method and path), and any pattern with a host over one without. Two
 * patterns that overlap with neither more specific, or the same pattern twice, conflict: {@link
 * #handle} refuses the second with an {@link IllegalArgumentException} that names both patterns and a
 * request both match. So {@code GET /b/{x}} and {@code /b/c} cannot both be registered:
 *
 * {@snippet class=dev.strand.snippets.RouterSnippets region=conflict}
 *
 * <h2>What the router answers itself</h2>
 *
 * <ul>
 *   <li>404 problem when no pattern matches the path.
 *   <li>405 problem with {@code Allow} (sorted, with {@code HEAD} beside {@code GET}, and
 *       {@code OPTIONS}) when some pattern matches the path but not the method.
 *   <li>204 with {@code Allow} for {@code OPTIONS} when no pattern matches the OPTIONS request but
 *       some match its path.
 *   <li>A redirect to the canonical path when the path has {@code //}, {@code .} or {@code ..}
 *       segments, and from {@code /dir} to {@code /dir/} when only the subtree {@code /dir/} is
 *       registered; the query is kept. 301 for GET and HEAD, 308 otherwise.
 * </ul>
 *
 * <p>Matching works on the escaped path, segment by segment, so {@code /a%2Fb} is one segment whose
 * value is {@code a/b}. Path values are decoded. A matched handler gets the request with its path
 * values and its pattern ({@link Request#pattern()}, as registered).
 *
 * <p>A Router is safe for concurrent use: routes and middleware may be added while it serves, and a
 * request sees the router as it was before or after each addition.
 */
public final class Router implements Handler {

  private final Object lock = new Object();
  private final List<Route<Handler>> routes = new ArrayList<>(); // guarded by lock
  private final List<Middleware> middleware = new ArrayList<>(); // guarded by lock
  private final ConflictIndex conflicts = new ConflictIndex(); // guarded by lock
  private volatile RoutingTree<Handler> tree; // null when it must be rebuilt

  private Router() {}

  /**
   * Returns a new, empty router.
   *
   * @return the router
   */
  public static Router create() {
    return new Router();
  }

  /**
   * Registers a handler for a pattern.
   *
   * @param pattern the pattern, such as {@code GET /user/{id}}
   * @param handler serves the requests the pattern matches
   * @return this router
   * @throws IllegalArgumentException when the pattern is invalid, or conflicts with one registered
   *     earlier; the message names the problem, or both patterns and a request both match
   */
  public Router handle(String pattern, Handler handler) {
    Pattern p = Pattern.parse(pattern);
    Objects.requireNonNull(handler, () -> "strand: the handler for pattern \"" + pattern + "\" is null");
    synchronized (lock) {
      Pattern earlier = conflicts.firstConflict(p);
      if (earlier != null) {
        throw new IllegalArgumentException(p.conflictMessage(earlier));
      }
      conflicts.add(p);
      routes.add(new Route<>(p, handler));
      tree = null;
    }
    return this;
  }

  /**
   * Adds middleware around every matched route's handler, those registered before this call and
   * after it. Middleware applies in the order added, the first outermost. It does not wrap the
   * router's own answers (404, 405, OPTIONS, redirects). Its {@code wrap} runs when the routes or
   * middleware change, not for each request.
   *
   * {@snippet class=dev.strand.snippets.RouterSnippets region=use}
   *
   * @param m the middleware
   * @return this router
   */
  public Router use(Middleware m) {
    Objects.requireNonNull(m, "strand: middleware must not be null");
    synchronized (lock) {
      middleware.add(m);
      tree = null;
    }
    return this;
  }

  /**
   * Returns the registered patterns, as written, in the order registered.
   *
   * @return the patterns
   */
  public List<String> patterns() {
    synchronized (lock) {
      List<String> out = new ArrayList<>(routes.size());
      for (Route<Handler> r : routes) {
        out.add(r.text());
      }
      return List.copyOf(out);
    }
  }

  /**
   * Routes the request to the most specific matching handler, or answers it as described above.
   *
   * @param ctx the request's context
   * @param request the request
   * @return the handler's response, a redirect, or a 404 or 405 problem
   * @throws Exception what the matched handler throws
   */
  @Override
  public Response serve(Context ctx, Request request) throws Exception {
    RoutingTree<Handler> t = tree();
    String method = request.method();
    String raw = request.rawPath();
    String host = "";
    if (raw.isEmpty() || raw.charAt(0) != '/') {
      if (raw.equals("*")) {
        return method.equals("OPTIONS")
            ? Response.status(204)
            : Response.problem(Problem.badRequest("The target * is only allowed for OPTIONS."));
      }
      int scheme = raw.indexOf("://");
      if (scheme > 0) {
        // Absolute form (http://host/path): take the host and path from the target.
        int slash = raw.indexOf('/', scheme + 3);
        host = MuxPaths.normalizeHost(raw.substring(scheme + 3, slash < 0 ? raw.length() : slash));
        raw = slash < 0 ? "/" : raw.substring(slash);
      }
    }
    boolean connect = method.equals("CONNECT");
    if (host.isEmpty() && t.hasHosts()) {
      host = MuxPaths.normalizeHost(request.headers().get("Host"));
    }
    String path = connect ? raw : MuxPaths.clean(raw);
    if (path.isEmpty() || path.charAt(0) != '/') {
      return Response.problem(Problem.notFound("No route for " + shown(request.path()) + "."));
    }
    int[] captures = t.newCaptures();
    Route<Handler> route = t.match(host, method, path, captures);
    if (!connect) {
      if ((route == null || !route.matchesExactly(path)) && path.charAt(path.length() - 1) != '/') {
        // Go's subtree redirect: /dir when only /dir/ is registered.
        String slashed = path + "/";
        Route<Handler> dir = t.match(host, method, slashed, t.newCaptures());
        if (dir != null && dir.matchesExactly(slashed)) {
          return redirect(method, slashed, request);
        }
      }
      if (!path.equals(raw)) {
        return redirect(method, path, request);
      }
    }
    if (route == null) {
      return unmatched(t, host, method, path, request);
    }
    return route.handler().serve(ctx, request.withRoute(route.text(), route.values(path, captures)));
  }

  private RoutingTree<Handler> tree() {
    RoutingTree<Handler> t = tree;
    if (t != null) {
      return t;
    }
    synchronized (lock) {
      if (tree == null) {
        Middleware chain = Middleware.chain(middleware.toArray(new Middleware[0]));
        List<Route<Handler>> wrapped = new ArrayList<>(routes.size());
        for (Route<Handler> r : routes) {
          Handler h = middleware.isEmpty() ? r.handler() : chain.wrap(r.handler());
          wrapped.add(new Route<>(r.pattern(), Objects.requireNonNull(h, "strand: middleware returned a null handler")));
        }
        tree = RoutingTree.build(wrapped);
      }
      return tree;
    }
  }

  private static Response unmatched(RoutingTree<Handler> t, String host, String method, String path, Request request) {
    Set<String> allowed = new TreeSet<>();
    t.allowedMethods(host, path, allowed);
    if (allowed.isEmpty()) {
      return Response.problem(Problem.notFound("No route for " + shown(request.path()) + "."));
    }
    allowed.add("OPTIONS");
    String allow = String.join(", ", allowed);
    if (method.equals("OPTIONS")) {
      return Response.status(204).withHeader("Allow", allow);
    }
    return Response.problem(Problem.of(405, "The method " + shown(method) + " is not allowed for "
            + shown(request.path()) + "; allowed: " + allow + "."))
        .withHeader("Allow", allow);
  }

  private static Response redirect(String method, String path, Request request) {
    int status = method.equals("GET") || method.equals("HEAD") ? 301 : 308;
    return Response.redirect(status, MuxPaths.location(path, request.rawQuery().orElse(null)));
  }

  /** Returns client text fit to quote in a problem detail: bounded, without control characters. */
  private static String shown(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && sb.length() < 200; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (sb.length() < s.length()) {
      sb.append("...");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Router" + patterns();
  }
}
