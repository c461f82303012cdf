package dev.strand.internal.mux;

import java.util.Map;

/**
 * A Route is a registered pattern with its handler, as the tree holds it. Internal.
 *
 * @param pattern the pattern
 * @param handler what serves the requests it matches
 * @param <H> the handler type
 */
public record Route<H>(Pattern pattern, H handler) {

  boolean namedMulti() {
    return pattern.endsInMulti() && !pattern.last().text().isEmpty();
  }

  /**
   * Returns the pattern as registered.
   *
   * @return the pattern text
   */
  public String text() {
    return pattern.text();
  }

  /**
   * Returns the decoded values of the pattern's wildcards from a match.
   *
   * @param path the path given to {@link RoutingTree#match}
   * @param captures the captures it filled
   * @return wildcard names to values, in pattern order
   */
  public Map<String, String> values(String path, int[] captures) {
    String[] names = pattern.names();
    if (names.length == 0) {
      return Map.of();
    }
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = MuxPaths.unescape(path, captures[2 * i], captures[2 * i + 1]);
    }
    return new PathValues(names, values);
  }

  /**
   * Tells whether this route matches {@code path} exactly, as Go's ServeMux means it before it
   * redirects {@code /dir} to {@code /dir/}: without a multi wildcard, or with one that matched
   * nothing.
   *
   * @param path the path it matched
   * @return true for an exact match
   */
  public boolean matchesExactly(String path) {
    if (!pattern.endsInMulti()) {
      return true;
    }
    if (path.isEmpty() || path.charAt(path.length() - 1) != '/') {
      return false;
    }
    int slashes = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        slashes++;
      }
    }
    return slashes == pattern.segments().length;
  }
}
