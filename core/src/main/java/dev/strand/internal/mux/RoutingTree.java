package dev.strand.internal.mux;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A RoutingTree finds the pattern that matches a request, as Go's ServeMux does: the first level
 * branches on the host, the second on the method, the rest on path segments. Immutable once built;
 * safe to share between threads. Internal.
 *
 * <p>Within a node, literal children are tried first, then the single wildcard, then the multi
 * wildcard, backtracking when a branch fails. Because conflicting patterns are refused at
 * registration, the first match found this way is the most specific one.
 *
 * @param <H> the handler type
 */
public final class RoutingTree<H> {

  private static final int[] NO_CAPTURES = new int[0];

  private final Map<String, Methods<H>> hosts; // host-specific patterns, keyed by lower-case host
  private final Methods<H> anyHost;
  private final int captureSlots;

  private RoutingTree(Map<String, Methods<H>> hosts, Methods<H> anyHost, int captureSlots) {
    this.hosts = hosts;
    this.anyHost = anyHost;
    this.captureSlots = captureSlots;
  }

  /**
   * Builds a tree. The routes must not conflict (see {@link Pattern#conflictsWith(Pattern)}).
   *
   * @param routes the routes
   * @param <H> the handler type
   * @return the tree
   */
  public static <H> RoutingTree<H> build(List<Route<H>> routes) {
    Map<String, Methods<H>> hosts = new HashMap<>();
    Methods<H> anyHost = new Methods<>();
    int maxNames = 0;
    for (Route<H> r : routes) {
      Pattern p = r.pattern();
      Methods<H> m = p.host().isEmpty() ? anyHost : hosts.computeIfAbsent(p.host(), h -> new Methods<>());
      Node n = p.method().isEmpty() ? m.any : m.byMethod.computeIfAbsent(p.method(), x -> new Node());
      n.add(p.segments(), 0, r);
      maxNames = Math.max(maxNames, p.names().length);
    }
    anyHost.freeze();
    hosts.values().forEach(Methods::freeze);
    return new RoutingTree<>(Map.copyOf(hosts), anyHost, 2 * maxNames);
  }

  /**
   * Tells whether any pattern names a host; when none does, the request's host need not be read.
   *
   * @return true when some pattern has a host
   */
  public boolean hasHosts() {
    return !hosts.isEmpty();
  }

  /**
   * Returns an array to pass to {@link #match}, big enough for any pattern's wildcard positions.
   *
   * @return a new capture array (a shared empty one when no pattern has wildcards)
   */
  public int[] newCaptures() {
    return captureSlots == 0 ? NO_CAPTURES : new int[captureSlots];
  }

  /**
   * Finds the most specific route for a request. A host-specific pattern wins over a host-less
   * one; an exact method over {@code GET} for a {@code HEAD} request, over no method.
   *
   * @param host the normalized host, or empty
   * @param method the request method
   * @param path the clean escaped path
   * @param captures from {@link #newCaptures()}; on a match it holds the start and end index in
   *     {@code path} of each named wildcard's text
   * @return the route, or null
   */
  public Route<H> match(String host, String method, String path, int[] captures) {
    if (!host.isEmpty() && !hosts.isEmpty()) {
      Methods<H> m = hosts.get(host);
      if (m != null) {
        Route<H> r = m.match(method, path, captures);
        if (r != null) {
          return r;
        }
      }
    }
    return anyHost.match(method, path, captures);
  }

  /**
   * Adds to {@code out} every method named by a pattern that matches the host and path, as for a
   * 405's {@code Allow}; adds {@code HEAD} when {@code GET} is there.
   *
   * @param host the normalized host, or empty
   * @param path the clean escaped path
   * @param out where to add the methods
   */
  public void allowedMethods(String host, String path, Set<String> out) {
    int[] captures = newCaptures();
    if (!host.isEmpty()) {
      Methods<H> m = hosts.get(host);
      if (m != null) {
        m.allowed(path, captures, out);
      }
    }
    anyHost.allowed(path, captures, out);
    if (out.contains("GET")) {
      out.add("HEAD");
    }
  }

  /** The method level under one host. */
  private static final class Methods<H> {
    Map<String, Node> byMethod = new HashMap<>();
    final Node any = new Node();

    void freeze() {
      byMethod.values().forEach(Node::freeze);
      byMethod = Map.copyOf(byMethod);
      any.freeze();
    }

    @SuppressWarnings("unchecked") // every node of a tree holds routes of its handler type
    Route<H> match(String method, String path, int[] captures) {
      Node n = byMethod.get(method);
      if (n != null) {
        Route<?> r = n.match(path, 0, captures, 0);
        if (r != null) {
          return (Route<H>) r;
        }
      }
      if (method.equals("HEAD")) {
        n = byMethod.get("GET");
        if (n != null) {
          Route<?> r = n.match(path, 0, captures, 0);
          if (r != null) {
            return (Route<H>) r;
          }
        }
      }
      return (Route<H>) any.match(path, 0, captures, 0);
    }

    void allowed(String path, int[] captures, Set<String> out) {
      byMethod.forEach((method, n) -> {
        if (n.match(path, 0, captures, 0) != null) {
          out.add(method);
        }
      });
    }
  }

  /** A node of the path levels. */
  static final class Node {
    private Map<String, Node> building = new HashMap<>();
    private SegmentTable literals; // null when there are none
    private Node wild; // child for a single wildcard
    private Node dollar; // child for the trailing slash of {$}
    private Route<?> multi; // route whose multi wildcard starts here
    private Route<?> route; // route whose pattern ends here

    void add(Segment[] segs, int i, Route<?> r) {
      if (i == segs.length) {
        route = r;
        return;
      }
      Segment s = segs[i];
      switch (s.kind()) {
        case MULTI -> multi = r;
        case WILD -> {
          if (wild == null) {
            wild = new Node();
          }
          wild.add(segs, i + 1, r);
        }
        case DOLLAR -> {
          if (dollar == null) {
            dollar = new Node();
          }
          dollar.add(segs, i + 1, r);
        }
        case LITERAL -> building.computeIfAbsent(s.text(), k -> new Node()).add(segs, i + 1, r);
      }
    }

    void freeze() {
      if (!building.isEmpty()) {
        building.values().forEach(Node::freeze);
        literals = new SegmentTable(building);
      }
      building = Map.of();
      if (wild != null) {
        wild.freeze();
      }
      if (dollar != null) {
        dollar.freeze();
      }
    }

    /**
     * Matches {@code path} from {@code pos} (a slash, or the end). {@code k} counts the captures
     * made so far.
     */
    Route<?> match(String path, int pos, int[] captures, int k) {
      int len = path.length();
      if (pos == len) {
        return route;
      }
      if (pos == len - 1) {
        // Only the trailing slash is left: {$} or a multi wildcard match it; nothing else does.
        if (dollar != null && dollar.route != null) {
          return dollar.route;
        }
      } else {
        int start = pos + 1;
        int end = path.indexOf('/', start);
        if (end < 0) {
          end = len;
        }
        if (literals != null) {
          Node c = literals.get(path, start, end);
          if (c != null) {
            Route<?> r = c.match(path, end, captures, k);
            if (r != null) {
              return r;
            }
          }
        }
        if (wild != null) {
          Route<?> r = wild.match(path, end, captures, k + 1);
          if (r != null) {
            captures[2 * k] = start;
            captures[2 * k + 1] = end;
            return r;
          }
        }
      }
      if (multi != null) {
        if (multi.namedMulti()) {
          captures[2 * k] = Math.min(pos + 1, len);
          captures[2 * k + 1] = len;
        }
        return multi;
      }
      return null;
    }
  }
}
