package dev.strand.internal.mux;

/**
 * One piece of a pattern's path. Internal.
 *
 * @param kind what it matches
 * @param text the decoded literal for {@link Kind#LITERAL}, the wildcard name for {@link Kind#WILD}
 *     and {@link Kind#MULTI} (empty for the nameless multi of a trailing slash), else empty
 */
record Segment(Kind kind, String text) {

  /** What a segment matches. */
  enum Kind {
    /** One path segment equal to the text. */
    LITERAL,
    /** The trailing slash, written {@code {$}} after it. */
    DOLLAR,
    /** Any one non-empty path segment: {@code {name}}. */
    WILD,
    /** The rest of the path, possibly empty: {@code {name...}} or a trailing {@code /}. */
    MULTI
  }

  static final Segment DOLLAR = new Segment(Kind.DOLLAR, "");
  static final Segment ANONYMOUS_MULTI = new Segment(Kind.MULTI, "");

  boolean isMulti() {
    return kind == Kind.MULTI;
  }

  boolean isWild() {
    return kind == Kind.WILD || kind == Kind.MULTI;
  }

  /** Relates the requests two segments at the same position match. */
  static Relation compare(Segment a, Segment b) {
    if (a.isMulti() || b.isMulti()) {
      if (a.isMulti() && b.isMulti()) {
        return Relation.EQUIVALENT;
      }
      return a.isMulti() ? Relation.MORE_GENERAL : Relation.MORE_SPECIFIC;
    }
    if (a.kind == Kind.WILD && b.kind == Kind.WILD) {
      return Relation.EQUIVALENT;
    }
    if (a.kind == Kind.WILD) {
      // A single wildcard never matches the trailing slash of {$}.
      return b.kind == Kind.DOLLAR ? Relation.DISJOINT : Relation.MORE_GENERAL;
    }
    if (b.kind == Kind.WILD) {
      return a.kind == Kind.DOLLAR ? Relation.DISJOINT : Relation.MORE_SPECIFIC;
    }
    return a.equals(b) ? Relation.EQUIVALENT : Relation.DISJOINT;
  }

  /** Appends a path piece this segment matches, for example requests in messages. */
  void appendSample(StringBuilder sb) {
    sb.append('/');
    switch (kind) {
      case LITERAL -> MuxPaths.appendEscapedSegment(sb, text);
      case WILD -> sb.append(text);
      default -> { }
    }
  }
}
