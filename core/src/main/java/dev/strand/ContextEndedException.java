package dev.strand;

/**
 * A ContextEndedException reports that work stopped because its {@link Context} ended. Strand
 * answers it with the context's error (504, 503...), never as a 500 panic.
 */
public final class ContextEndedException extends RuntimeException {
  /** The serialization version. */
  private static final long serialVersionUID = 1L;

  private final transient ContextError error;

  /**
   * Creates the exception.
   *
   * @param error why the context ended
   */
  public ContextEndedException(ContextError error) {
    super("strand: " + error.message(), null, false, false);
    this.error = error;
  }

  /**
   * Returns why the context ended.
   *
   * @return the context error
   */
  public ContextError error() {
    return error;
  }
}
