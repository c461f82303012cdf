package dev.strand;

/**
 * A CancelableContext is a {@link Context} its creator can end: Go's {@code ctx, cancel :=
 * context.WithCancel(parent)} as one object.
 *
 * <p>Use it with try-with-resources, Java's {@code defer cancel()}:
 *
 * {@snippet class=dev.strand.snippets.ContextSnippets region=with-timeout}
 */
public interface CancelableContext extends Context, AutoCloseable {

  /**
   * Ends this context and its children with cause {@link ContextError.Cause#CANCELED}. Calling it
   * again, or after the context ended, does nothing.
   */
  void cancel();

  /** Cancels this context; same as {@link #cancel()}. */
  @Override
  void close();
}
