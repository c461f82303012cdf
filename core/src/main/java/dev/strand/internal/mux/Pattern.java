package dev.strand.internal.mux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Pattern is a parsed routing pattern of Go 1.22's ServeMux: {@code [METHOD ][HOST]/[PATH]}.
 * Internal.
 *
 * <p>A path ending in {@code /} is kept as a nameless multi wildcard, and {@code {$}} as a
 * {@link Segment.Kind#DOLLAR} segment, which makes comparing patterns uniform.
 */
public final class Pattern {

  private final String text;
  private final String method;
  private final String host;
  private final Segment[] segments;
  private final String[] names;

  private Pattern(String text, String method, String host, List<Segment> segments) {
    this.text = text;
    this.method = method;
    this.host = host;
    this.segments = segments.toArray(new Segment[0]);
    List<String> n = new ArrayList<>();
    for (Segment s : segments) {
      if (s.isWild() && !s.text().isEmpty()) {
        n.add(s.text());
      }
    }
    this.names = n.toArray(new String[0]);
  }

  /**
   * Parses a pattern.
   *
   * @param s the pattern, such as {@code GET /user/{id}}
   * @return the pattern
   * @throws IllegalArgumentException naming the pattern and what is wrong with it
   */
  public static Pattern parse(String s) {
    Objects.requireNonNull(s, "strand: a pattern must not be null");
    if (s.isBlank()) {
      throw invalid(s, "it is empty; write [METHOD ][HOST]/[PATH], such as \"GET /user/{id}\"");
    }
    String method = "";
    String rest = s;
    int space = indexOfBlank(s);
    if (space == 0) {
      throw invalid(s, "it starts with a space; write [METHOD ][HOST]/[PATH], such as \"GET /user/{id}\"");
    }
    if (space > 0) {
      method = s.substring(0, space);
      rest = s.substring(space + 1).strip();
      if (method.indexOf('/') >= 0) {
        throw invalid(s, "it has a space in the path; a pattern is [METHOD ][HOST]/[PATH] and a path"
            + " with a space is written %20");
      }
      if (!isToken(method)) {
        throw invalid(s, "the method \"" + method + "\" is not an HTTP method token, such as GET");
      }
      if (indexOfBlank(rest) >= 0) {
        throw invalid(s, "it has a space in the path; a path with a space is written %20");
      }
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw invalid(s, "the path is missing; it must start with \"/\", as in \"GET /items\"");
    }
    String host = rest.substring(0, slash);
    String path = rest.substring(slash);
    if (host.indexOf('{') >= 0) {
      throw invalid(s, "the host contains \"{\"; a path must start with \"/\", as in \"/{id}\"");
    }
    host = normalizePatternHost(s, host);
    if (!method.equals("CONNECT") && !MuxPaths.isClean(path)) {
      throw invalid(s, "the path is not clean (it has \"//\", \".\" or \"..\" segments); requests are"
          + " cleaned before matching, so it could never match: write \"" + MuxPaths.clean(path) + "\"");
    }
    return new Pattern(s, method, host, parseSegments(s, path));
  }

  private static List<Segment> parseSegments(String s, String path) {
    List<Segment> segments = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int pos = 0; // at a '/'
    while (pos < path.length()) {
      int start = pos + 1;
      if (start == path.length()) {
        segments.add(Segment.ANONYMOUS_MULTI); // trailing slash: the whole subtree
        break;
      }
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String seg = path.substring(start, end);
      boolean last = end == path.length();
      pos = end;
      int brace = seg.indexOf('{');
      if (brace < 0) {
        segments.add(new Segment(Segment.Kind.LITERAL, MuxPaths.unescape(seg, 0, seg.length())));
        continue;
      }
      if (brace != 0 || seg.charAt(seg.length() - 1) != '}' || seg.indexOf('{', 1) >= 0) {
        throw invalid(s, "the segment \"" + seg + "\" is not a whole wildcard; a wildcard fills a"
            + " whole segment, as in \"/{name}\" or \"/{name...}\"");
      }
      String name = seg.substring(1, seg.length() - 1);
      if (name.equals("$")) {
        if (!last) {
          throw invalid(s, "{$} must come last, right after a slash, as in \"/items/{$}\"");
        }
        segments.add(Segment.DOLLAR);
        break;
      }
      boolean multi = name.endsWith("...");
      if (multi) {
        name = name.substring(0, name.length() - 3);
        if (!last) {
          throw invalid(s, "the wildcard \"" + seg + "\" must be the last segment; {name...} matches the"
              + " rest of the path");
        }
      }
      if (name.isEmpty()) {
        throw invalid(s, "the wildcard \"" + seg + "\" has no name; write one, as in {id} or {rest...}");
      }
      if (!isIdentifier(name)) {
        throw invalid(s, "the wildcard name \"" + name + "\" is not valid; use a letter or _ followed"
            + " by letters, digits or _");
      }
      if (!seen.add(name)) {
        throw invalid(s, "the wildcard name \"" + name + "\" appears twice; give each wildcard its own"
            + " name");
      }
      segments.add(new Segment(multi ? Segment.Kind.MULTI : Segment.Kind.WILD, name));
    }
    return segments;
  }

  private static String normalizePatternHost(String s, String host) {
    if (host.isEmpty()) {
      return host;
    }
    String h = host;
    if (h.charAt(0) == '[') {
      if (h.charAt(h.length() - 1) != ']') {
        throw invalid(s, "the host \"" + host + "\" must not have a port; requests are matched on the"
            + " host name alone");
      }
      h = h.substring(1, h.length() - 1);
    } else if (h.indexOf(':') >= 0) {
      throw invalid(s, "the host \"" + host + "\" must not have a port; requests are matched on the"
          + " host name alone");
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '}' || c == '@' || c == '?' || c == '#') {
        throw invalid(s, "the host \"" + host + "\" is not a valid host name");
      }
    }
    return MuxPaths.lowerAscii(h);
  }

  private static IllegalArgumentException invalid(String pattern, String problem) {
    return new IllegalArgumentException("strand: invalid pattern \"" + pattern + "\": " + problem);
  }

  private static int indexOfBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static boolean isIdentifier(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean ok = Character.isLetter(cp) || cp == '_' || (i > 0 && Character.isDigit(cp));
      if (!ok) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return !s.isEmpty();
  }

  /**
   * Returns the pattern as registered.
   *
   * @return the pattern text
   */
  public String text() {
    return text;
  }

  /**
   * Returns the method, or the empty string when the pattern matches every method.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the host in lower case without brackets, or the empty string for every host.
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  Segment[] segments() {
    return segments;
  }

  /** Returns the names of the wildcards that capture values, in pattern order. */
  String[] names() {
    return names;
  }

  Segment last() {
    return segments[segments.length - 1];
  }

  boolean endsInMulti() {
    return segments.length > 0 && last().isMulti();
  }

  /**
   * Tells whether a request could match both patterns with neither taking precedence: the same
   * host, and either the same requests or overlapping ones where neither is more specific.
   *
   * @param other a registered pattern
   * @return true when the two cannot both be registered
   */
  public boolean conflictsWith(Pattern other) {
    if (!host.equals(other.host)) {
      return false; // a host pattern wins over a host-less one; two hosts never overlap
    }
    Relation r = compare(other);
    return r == Relation.EQUIVALENT || r == Relation.OVERLAPS;
  }

  /** Relates the (method, path) pairs this pattern and {@code other} match. */
  Relation compare(Pattern other) {
    Relation m = compareMethods(other);
    return m == Relation.DISJOINT ? m : m.and(comparePaths(other));
  }

  Relation compareMethods(Pattern other) {
    String a = method;
    String b = other.method;
    if (a.equals(b)) {
      return Relation.EQUIVALENT;
    }
    if (a.isEmpty()) {
      return Relation.MORE_GENERAL;
    }
    if (b.isEmpty()) {
      return Relation.MORE_SPECIFIC;
    }
    if (a.equals("GET") && b.equals("HEAD")) {
      return Relation.MORE_GENERAL; // GET also serves HEAD
    }
    if (a.equals("HEAD") && b.equals("GET")) {
      return Relation.MORE_SPECIFIC;
    }
    return Relation.DISJOINT;
  }

  Relation comparePaths(Pattern other) {
    Segment[] a = segments;
    Segment[] b = other.segments;
    if (a.length != b.length && !endsInMulti() && !other.endsInMulti()) {
      return Relation.DISJOINT;
    }
    Relation r = Relation.EQUIVALENT;
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      r = r.and(Segment.compare(a[i], b[i]));
      if (r == Relation.DISJOINT) {
        return r;
      }
    }
    if (a.length == b.length) {
      return r;
    }
    // The longer one's extra segments can only be matched by the shorter one's final multi.
    if (a.length < b.length) {
      return endsInMulti() ? r.and(Relation.MORE_GENERAL) : Relation.DISJOINT;
    }
    return other.endsInMulti() ? r.and(Relation.MORE_SPECIFIC) : Relation.DISJOINT;
  }

  /**
   * Explains why this pattern cannot be registered next to {@code earlier}, with a request both
   * match. Call only when {@link #conflictsWith(Pattern)} is true.
   *
   * @param earlier the registered pattern it conflicts with
   * @return the message, starting with {@code strand: }
   */
  public String conflictMessage(Pattern earlier) {
    Relation m = compareMethods(earlier);
    Relation p = comparePaths(earlier);
    String exampleMethod = commonMethod(method, earlier.method);
    String onHost = host.isEmpty() ? "" : " on host " + host;
    StringBuilder sb = new StringBuilder("strand: pattern \"").append(text)
        .append("\" conflicts with \"").append(earlier.text).append("\" (registered earlier): both match ")
        .append(exampleMethod).append(' ').append(commonPath(this, earlier)).append(onHost);
    if (m.and(p) == Relation.EQUIVALENT) {
      sb.append(", and they match exactly the same requests; register only one of them");
      return sb.toString();
    }
    sb.append(", and neither is more specific");
    if (p == Relation.OVERLAPS) {
      sb.append(": \"").append(text).append("\" matches ").append(exampleMethod).append(' ')
          .append(differencePath(this, earlier)).append(" but \"").append(earlier.text)
          .append("\" does not, and \"").append(earlier.text).append("\" matches ").append(exampleMethod)
          .append(' ').append(differencePath(earlier, this)).append(" but \"").append(text)
          .append("\" does not");
    } else if (m == Relation.MORE_GENERAL) {
      sb.append(": \"").append(text).append("\" matches more methods but fewer paths");
    } else {
      sb.append(": \"").append(text).append("\" matches fewer methods but more paths");
    }
    sb.append("; change one so that it is more specific than the other");
    return sb.toString();
  }

  private static String commonMethod(String a, String b) {
    if (a.equals(b)) {
      return a.isEmpty() ? "GET" : a;
    }
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return "HEAD"; // GET and HEAD: only HEAD is matched by both
  }

  /** Returns a path both patterns match; they must not be disjoint. */
  static String commonPath(Pattern p1, Pattern p2) {
    StringBuilder sb = new StringBuilder();
    Segment[] a = p1.segments;
    Segment[] b = p2.segments;
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      // The more specific of the two segments is matched by both.
      (rank(a[i]) <= rank(b[i]) ? a[i] : b[i]).appendSample(sb);
    }
    Segment[] longer = a.length > b.length ? a : b;
    for (int i = n; i < longer.length; i++) {
      longer[i].appendSample(sb);
    }
    return sb.toString();
  }

  private static int rank(Segment s) {
    return switch (s.kind()) {
      case LITERAL, DOLLAR -> 0;
      case WILD -> 1;
      case MULTI -> 2;
    };
  }

  /** Returns a path {@code p1} matches and {@code p2} does not; their paths must overlap. */
  static String differencePath(Pattern p1, Pattern p2) {
    StringBuilder sb = new StringBuilder();
    Segment[] a = p1.segments;
    Segment[] b = p2.segments;
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      Segment s1 = a[i];
      Segment s2 = b[i];
      if (s1.isMulti()) {
        sb.append('/');
        if (!s2.isMulti() && s2.kind() == Segment.Kind.DOLLAR) {
          // The trailing slash matches both; any segment tells them apart.
          sb.append(s1.text().isEmpty() ? "x" : s1.text());
        }
        return sb.toString();
      }
      if (s1.kind() == Segment.Kind.WILD && s2.kind() == Segment.Kind.LITERAL && s1.text().equals(s2.text())) {
        sb.append('/');
        MuxPaths.appendEscapedSegment(sb, s2.text() + "x");
      } else {
        s1.appendSample(sb);
      }
    }
    for (int i = n; i < a.length; i++) {
      a[i].appendSample(sb);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
