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

  SegmentTable(Map<String, RoutingTree.Node> entries) {
    int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
    keys = new String[capacity];
    values = new RoutingTree.Node[capacity];
    mask = capacity - 1;
    for (Map.Entry<String, RoutingTree.Node> e : entries.entrySet()) {
      int i = spread(e.getKey().hashCode()) & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = e.getKey();
      values[i] = e.getValue();
    }
  }

  /** Returns the node for the segment {@code s[from, to)}, already decoded, or null. */
  RoutingTree.Node get(String s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + s.charAt(i);
    }
    int len = to - from;
    int i = spread(h) & mask;
    String k;
    while ((k = keys[i]) != null) {
      if (k.length() == len && k.regionMatches(0, s, from, len)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
