package dev.strand;

import java.io.IOException;

/**
 * A BodyTooLargeException is thrown by a request body stream read past the body limit. If it
 * escapes a handler, Strand answers 413.
 */
public final class BodyTooLargeException extends IOException {
  /** The serialization version. */
  private static final long serialVersionUID = 1L;

  /** The limit that was passed, in bytes. */
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param limit the limit that was passed, in bytes
   */
  public BodyTooLargeException(long limit) {
    super("strand: request body larger than the limit of " + limit + " bytes");
    this.limit = limit;
  }

  /**
   * Returns the limit that was passed.
   *
   * @return the limit, in bytes
   */
  public long limit() {
    return limit;
  }
}
