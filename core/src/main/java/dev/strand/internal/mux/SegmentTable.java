package dev.strand.internal.mux;

import java.util.Map;

/**
 * A SegmentTable maps literal path segments to tree nodes and looks a segment up in place, inside
 * the request path, without cutting it out as a new string. Immutable. Internal.
 */
final class SegmentTable {

  private final String[] keys;
  private final RoutingTree.Node[] values;
  private final int mask;
  private final int shift;

  SegmentTable(Map<String, RoutingTree.Node> entries) {
    int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
    keys = new String[capacity];
    values = new RoutingTree.Node[capacity];
    mask = capacity - 1;
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    for (Map.Entry<String, RoutingTree.Node> e : entries.entrySet()) {
      int i = slot(e.getKey().hashCode());
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = e.getKey();
      values[i] = e.getValue();
    }
  }

  /**
   * Returns the node for the segment {@code s[from, to)}, or null. Percent-escapes in the segment
   * are decoded first (the keys are decoded literals).
   */
  RoutingTree.Node get(String s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        String decoded = MuxPaths.unescape(s, from, to);
        return find(decoded, 0, decoded.length(), decoded.hashCode());
      }
      h = 31 * h + c;
    }
    return find(s, from, to, h);
  }

  private RoutingTree.Node find(String s, int from, int to, int hash) {
    int len = to - from;
    int i = slot(hash);
    String k;
    while ((k = keys[i]) != null) {
      if (k.length() == len && k.regionMatches(0, s, from, len)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Fibonacci hashing: similar keys such as {@code v1}, {@code v2} land far apart. */
  private int slot(int h) {
    return (h * 0x9E3779B9) >>> shift;
  }
}
