package dev.strand.internal.mux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ConflictIndex holds registered patterns so that a new one is compared only with those that could
 * conflict with it, not with every pattern: registering n patterns stays far from n² comparisons in
 * practice. Not thread-safe; the router guards it. Internal.
 *
 * <p>Per host, each pattern that does not end in a multi wildcard is filed under each of its
 * (position, segment) pairs, single wildcards all under one key per position; patterns ending in a
 * multi are kept in a list that is always searched. A pattern can only conflict with one that has,
 * at one of its literal positions, the same literal or a wildcard; so the search takes the literal
 * position with the fewest such patterns.
 */
public final class ConflictIndex {

  private static final Segment ANY_WILD = new Segment(Segment.Kind.WILD, "");

  private record Key(int position, Segment segment) {}

  private static final class PerHost {
    final Map<Key, List<Entry>> bySegment = new HashMap<>();
    final List<Entry> multis = new ArrayList<>();
  }

  private record Entry(Pattern pattern, int order) {}

  private final Map<String, PerHost> hosts = new HashMap<>();
  private int count;

  /**
   * Returns the earliest registered pattern that conflicts with {@code p}.
   *
   * @param p a pattern about to be registered
   * @return the conflicting pattern, or null when there is none
   */
  public Pattern firstConflict(Pattern p) {
    PerHost h = hosts.get(p.host());
    if (h == null) {
      return null;
    }
    Entry best = null;
    for (List<Entry> list : candidates(h, p)) {
      for (Entry e : list) {
        if ((best == null || e.order < best.order) && p.conflictsWith(e.pattern)) {
          best = e;
        }
      }
    }
    return best == null ? null : best.pattern;
  }

  private static List<List<Entry>> candidates(PerHost h, Pattern p) {
    List<List<Entry>> out = new ArrayList<>();
    out.add(h.multis);
    Segment[] segs = p.segments();
    if (!p.endsInMulti() && segs.length > 0 && segs[segs.length - 1].kind() == Segment.Kind.DOLLAR) {
      // A {$} pattern matches only paths ending in a slash: besides multis, only a {$} pattern at
      // the same position can match one of them.
      out.add(h.bySegment.getOrDefault(new Key(segs.length - 1, Segment.DOLLAR), List.of()));
      return out;
    }
    List<Entry> bestLiteral = null;
    List<Entry> bestWild = null;
    int fewest = Integer.MAX_VALUE;
    for (int i = 0; i < segs.length && !segs[i].isMulti(); i++) {
      if (segs[i].kind() != Segment.Kind.LITERAL) {
        continue;
      }
      List<Entry> lit = h.bySegment.getOrDefault(new Key(i, segs[i]), List.of());
      List<Entry> wild = h.bySegment.getOrDefault(new Key(i, ANY_WILD), List.of());
      if (lit.size() + wild.size() < fewest) {
        fewest = lit.size() + wild.size();
        bestLiteral = lit;
        bestWild = wild;
      }
    }
    if (bestLiteral != null) {
      out.add(bestLiteral);
      out.add(bestWild);
    } else {
      out.addAll(h.bySegment.values()); // all wildcards: anything may conflict
    }
    return out;
  }

  /**
   * Files a registered pattern.
   *
   * @param p the pattern, known not to conflict
   */
  public void add(Pattern p) {
    PerHost h = hosts.computeIfAbsent(p.host(), x -> new PerHost());
    Entry e = new Entry(p, count++);
    if (p.endsInMulti()) {
      h.multis.add(e);
      return;
    }
    Segment[] segs = p.segments();
    for (int i = 0; i < segs.length; i++) {
      Segment key = segs[i].kind() == Segment.Kind.WILD ? ANY_WILD : segs[i];
      h.bySegment.computeIfAbsent(new Key(i, key), k -> new ArrayList<>()).add(e);
    }
  }
}
