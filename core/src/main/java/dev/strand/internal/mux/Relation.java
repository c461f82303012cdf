package dev.strand.internal.mux;

/**
 * How the requests two patterns match relate: what {@code a.compare(b)} says about {@code a}.
 * Internal.
 */
enum Relation {
  /** Both match exactly the same requests. */
  EQUIVALENT,
  /** The first matches every request the second does, and more. */
  MORE_GENERAL,
  /** The second matches every request the first does, and more. */
  MORE_SPECIFIC,
  /** No request matches both. */
  DISJOINT,
  /** Some request matches both, but neither is more specific. */
  OVERLAPS;

  /** Returns the relation of the second to the first. */
  Relation inverse() {
    return switch (this) {
      case MORE_GENERAL -> MORE_SPECIFIC;
      case MORE_SPECIFIC -> MORE_GENERAL;
      default -> this;
    };
  }

  /**
   * Returns the relation of two patterns split into two independent parts (method and path, or
   * one segment and the rest) given this relation for one part and {@code other} for the other.
   */
  Relation and(Relation other) {
    if (this == DISJOINT || other == DISJOINT) {
      return DISJOINT;
    }
    if (this == EQUIVALENT) {
      return other;
    }
    if (other == EQUIVALENT) {
      return this;
    }
    if (this == OVERLAPS || other == OVERLAPS || other == inverse()) {
      return OVERLAPS;
    }
    return this; // both MORE_GENERAL or both MORE_SPECIFIC
  }
}
