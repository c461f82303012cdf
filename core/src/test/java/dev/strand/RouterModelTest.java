package dev.strand;

import static dev.strand.RouterTest.ECHO;
import static dev.strand.RouterTest.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the router against a brute-force model of Go's rules on random pattern sets.
 *
 * <p>The model knows nothing of the router's tree or its pattern comparison. Over a finite universe
 * of requests (paths of up to four segments from {@code a}, {@code b}, {@code z}, with and without a
 * trailing slash; methods GET, HEAD, POST) it computes the set of requests each pattern matches, by a
 * direct reading of the pattern syntax. Two patterns conflict when their sets meet and neither is a
 * strict subset of the other; the most specific match is the one whose set is inside every other
 * match's set.
 */
class RouterModelTest {

  private static final int TRIALS = 60;
  private static final String[] METHODS = {"GET", "HEAD", "POST"};
  private static final List<String> PATHS = universe();
  private static final Map<String, Integer> PATH_INDEX = new HashMap<>();

  static {
    for (int i = 0; i < PATHS.size(); i++) {
      PATH_INDEX.put(PATHS.get(i), i);
    }
  }

  @Test
  void randomPatternSetsConflictAndRouteExactlyAsTheModelSays() throws Exception {
    Random random = new Random(20240207L);
    int registered = 0;
    int refused = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      Router router = Router.create();
      List<ModelPattern> accepted = new ArrayList<>();
      for (int n = 0; n < 12; n++) {
        ModelPattern p = ModelPattern.random(random);
        ModelPattern conflict = null;
        for (ModelPattern q : accepted) {
          if (q.host.equals(p.host) && conflicts(p.set, q.set)) {
            conflict = q;
            break;
          }
        }
        try {
          router.handle(p.text, ECHO);
          if (conflict != null) {
            fail("registered " + p.text + " though it conflicts with " + conflict.text + " in " + accepted);
          }
          accepted.add(p);
          registered++;
        } catch (IllegalArgumentException e) {
          if (conflict == null) {
            fail("refused " + p.text + " with no conflict in " + accepted + ": " + e.getMessage());
          }
          refused++;
        }
      }
      boolean[][] inside = new boolean[accepted.size()][accepted.size()];
      for (int i = 0; i < accepted.size(); i++) {
        for (int j = 0; j < accepted.size(); j++) {
          inside[i][j] = subset(accepted.get(i).set, accepted.get(j).set);
        }
      }
      for (String host : new String[] {"h.com", "other.org"}) {
        for (int m = 0; m < METHODS.length; m++) {
          for (int p = 0; p < PATHS.size(); p++) {
            check(router, accepted, inside, host, m, p);
          }
        }
      }
    }
    // The generator must exercise both outcomes, or the test proves little.
    assertTrue(registered > TRIALS * 4 && refused > TRIALS * 2, "registered " + registered + ", refused " + refused);
  }

  private static void check(Router router, List<ModelPattern> accepted, boolean[][] inside, String host, int m, int p)
      throws Exception {
    String method = METHODS[m];
    String path = PATHS.get(p);
    Response res = serve(router, method, path, "Host", host);
    String where = method + " " + host + path + " with " + accepted;
    ModelPattern winner = winner(accepted, inside, host, m, p);
    if ((winner == null || !winner.exact(path)) && !path.endsWith("/")) {
      Integer slashed = PATH_INDEX.get(path + "/");
      ModelPattern dir = slashed == null ? null : winner(accepted, inside, host, m, slashed);
      if (dir != null && dir.exact(path + "/")) {
        assertEquals(method.equals("POST") ? 308 : 301, res.status(), where);
        assertEquals(path + "/", res.header("Location"), where);
        return;
      }
    }
    if (winner != null) {
      assertEquals(200, res.status(), where);
      assertEquals(winner.text, res.bodyText(), where);
      return;
    }
    boolean otherMethod = false;
    for (ModelPattern q : accepted) {
      if (!q.method.isEmpty() && (q.host.isEmpty() || q.host.equals(host))) {
        for (int other = 0; other < METHODS.length; other++) {
          otherMethod |= q.set.get(index(other, p));
        }
      }
    }
    assertEquals(otherMethod ? 405 : 404, res.status(), where);
  }

  private static int index(int method, int path) {
    return method * PATHS.size() + path;
  }

  /** The most specific matching pattern: host patterns first, then the one inside all others. */
  private static ModelPattern winner(List<ModelPattern> accepted, boolean[][] inside, String host, int m, int p) {
    int request = index(m, p);
    for (String h : new String[] {host, ""}) {
      List<Integer> matching = new ArrayList<>();
      for (int i = 0; i < accepted.size(); i++) {
        if (accepted.get(i).host.equals(h) && accepted.get(i).set.get(request)) {
          matching.add(i);
        }
      }
      for (int i : matching) {
        boolean insideAll = true;
        for (int j : matching) {
          insideAll &= inside[i][j];
        }
        if (insideAll) {
          return accepted.get(i);
        }
      }
      if (!matching.isEmpty()) {
        throw new AssertionError("the model found matches but no most specific one: " + matching);
      }
    }
    return null;
  }

  private static boolean conflicts(BitSet a, BitSet b) {
    if (!a.intersects(b)) {
      return false;
    }
    boolean aInB = subset(a, b);
    boolean bInA = subset(b, a);
    return aInB == bInA; // equal sets, or overlapping with neither inside the other
  }

  private static boolean subset(BitSet a, BitSet b) {
    BitSet c = (BitSet) a.clone();
    c.andNot(b);
    return c.isEmpty();
  }

  private static List<String> universe() {
    List<String> paths = new ArrayList<>();
    paths.add("/");
    List<String> level = List.of("");
    for (int depth = 1; depth <= 4; depth++) {
      List<String> next = new ArrayList<>();
      for (String prefix : level) {
        for (String s : new String[] {"a", "b", "z"}) {
          next.add(prefix + "/" + s);
        }
      }
      for (String p : next) {
        paths.add(p);
        paths.add(p + "/");
      }
      level = next;
    }
    return paths;
  }

  /** A pattern as the model reads it. */
  private static final class ModelPattern {
    final String text;
    final String method;
    final String host;
    final List<String> segments; // "{w}" single, "{...}" multi (named or not), "{$}", or a literal
    final BitSet set = new BitSet();

    ModelPattern(String text, String method, String host, List<String> segments) {
      this.text = text;
      this.method = method;
      this.host = host;
      this.segments = segments;
      int i = 0;
      for (String m : METHODS) {
        for (String p : PATHS) {
          if (matches(m, p)) {
            set.set(i);
          }
          i++;
        }
      }
    }

    static ModelPattern random(Random r) {
      String method = new String[] {"", "", "GET", "HEAD", "POST"}[r.nextInt(5)];
      String host = r.nextInt(5) == 0 ? "h.com" : "";
      List<String> segs = new ArrayList<>();
      StringBuilder path = new StringBuilder();
      int length = r.nextInt(4); // 0 to 3 ordinary segments
      for (int i = 0; i < length; i++) {
        int k = r.nextInt(3);
        String s = k == 0 ? "a" : k == 1 ? "b" : "{w" + i + "}";
        segs.add(k == 2 ? "{w}" : s);
        path.append('/').append(s);
      }
      switch (r.nextInt(length == 0 ? 3 : 4)) {
        case 0 -> {
          path.append('/'); // subtree
          segs.add("{...}");
        }
        case 1 -> {
          path.append("/{rest...}");
          segs.add("{...}");
        }
        case 2 -> {
          path.append("/{$}");
          segs.add("{$}");
        }
        default -> { } // ends after its last segment
      }
      String text = (method.isEmpty() ? "" : method + " ") + host + path;
      return new ModelPattern(text, method, host, segs);
    }

    boolean matches(String m, String path) {
      boolean methodOk = method.isEmpty() || method.equals(m) || (method.equals("GET") && m.equals("HEAD"));
      return methodOk && matchPath(0, split(path), 0);
    }

    /** Splits "/a/b/" into [a, b, ""]: a final empty segment stands for the trailing slash. */
    static List<String> split(String path) {
      return List.of(path.substring(1).split("/", -1));
    }

    private boolean matchPath(int pi, List<String> req, int ri) {
      if (pi == segments.size()) {
        return ri == req.size();
      }
      String ps = segments.get(pi);
      if (ps.equals("{...}")) {
        return ri < req.size(); // the rest, at least the trailing slash
      }
      if (ps.equals("{$}")) {
        return ri == req.size() - 1 && req.get(ri).isEmpty();
      }
      if (ri == req.size() || req.get(ri).isEmpty()) {
        return false;
      }
      boolean here = ps.equals("{w}") || ps.equals(req.get(ri));
      return here && matchPath(pi + 1, req, ri + 1);
    }

    /** Go's exact match: no multi, or a multi that matched only the trailing slash. */
    boolean exact(String path) {
      return !segments.get(segments.size() - 1).equals("{...}")
          || (path.endsWith("/") && segments.size() == split(path).size());
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
