package dev.strand;

/**
 * A ContextError tells why a {@link Context} ended: Go's {@code ctx.Err()} and
 * {@code context.Cause(ctx)} in one value.
 *
 * @param cause what ended the context
 * @param message a human-readable explanation, safe to show a client
 */
public record ContextError(Cause cause, String message) {

  /** A Cause is what ended a context. */
  public enum Cause {
    /** The deadline passed: Go's {@code context.DeadlineExceeded}. */
    DEADLINE_EXCEEDED,
    /** Canceled by code: a {@link CancelableContext#cancel()}, or the response is done. */
    CANCELED,
    /** The client closed its connection before the response was done. */
    CLIENT_GONE,
    /** The server shut down and the grace for in-flight requests ran out. */
    SHUTDOWN
  }

  /** The error of a context whose deadline passed. */
  public static final ContextError DEADLINE_EXCEEDED =
      new ContextError(Cause.DEADLINE_EXCEEDED, "context deadline exceeded");

  /** The error of a context canceled by code. */
  public static final ContextError CANCELED = new ContextError(Cause.CANCELED, "context canceled");

  /** The error of a request context whose client went away. */
  public static final ContextError CLIENT_GONE = new ContextError(Cause.CLIENT_GONE, "client went away");

  /** The error of a request context cut by a shutdown. */
  public static final ContextError SHUTDOWN =
      new ContextError(Cause.SHUTDOWN, "server shutting down");

  /**
   * Tells whether the deadline passed, as Go's {@code errors.Is(err, context.DeadlineExceeded)}.
   *
   * @return true for a deadline
   */
  public boolean isDeadlineExceeded() {
    return cause == Cause.DEADLINE_EXCEEDED;
  }

  /**
   * Tells whether the context was canceled for any reason other than its deadline.
   *
   * @return true unless the deadline passed
   */
  public boolean isCanceled() {
    return cause != Cause.DEADLINE_EXCEEDED;
  }

  /**
   * Returns the problem this error is answered with when it ends a request: 504 for a deadline,
   * 503 with a retry hint for a shutdown, 499 (client closed request) for a client that left or code
   * that canceled.
   *
   * @return the problem
   */
  public Problem toProblem() {
    return switch (cause) {
      case DEADLINE_EXCEEDED -> Problem.of(504, "The request did not complete before its deadline.");
      case SHUTDOWN -> Problem.of(503, "The server is shutting down; retry on another instance.");
      case CLIENT_GONE -> Problem.of(499, "The client closed the connection.");
      case CANCELED -> Problem.of(503, "The request was canceled before it completed.");
    };
  }

  /**
   * Returns an unchecked exception carrying this error, for code that must unwind by throwing.
   * Strand answers it as the context error it is, not as a panic.
   *
   * @return the exception
   */
  public ContextEndedException toException() {
    return new ContextEndedException(this);
  }
}
