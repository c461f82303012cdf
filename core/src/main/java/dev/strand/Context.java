package dev.strand;

import dev.strand.internal.Contexts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A Context carries a deadline, a cancellation signal and request-scoped values across API
 * boundaries: Go's {@code context.Context}, for Java.
 *
 * <p>Contexts form a tree. {@link #background()} is the root: never canceled, no deadline, no values.
 * Every other context is derived from a parent with {@link #withCancel()}, {@link #withTimeout},
 * {@link #withDeadline}, {@link #withValue} or {@link #withoutCancel()}. When a parent ends, every
 * child derived from it ends with the same error; a child never outlives its parent and its deadline
 * is never later than its parent's.
 *
 * <p>A context is immutable apart from its one transition from live to done, which happens once.
 * All methods are safe to call from any thread. A context passed to a handler ends when the client
 * goes away, when the response is done, at the request's deadline, and when a shutdown runs past its
 * grace; {@link #err()} then tells which. While a handler runs, the end of its context also interrupts
 * the handler's thread, so blocking calls ({@code Thread.sleep}, JDBC, {@code HttpClient.send})
 * return early without any special API.
 *
 * <p>Pass a Context explicitly, as the first parameter, named {@code ctx}; do not store it in a field.
 * The seed's {@code FetchUser}, whose Go version selects on {@code ctx.Done()} and a timer:
 *
 * {@snippet class=dev.strand.snippets.UserApiSnippets region=fetch-user}
 */
public interface Context {

  /**
   * Returns the root context: never canceled, no deadline, no values. Use it in {@code main}, in
   * tests and at the top of background work.
   *
   * @return the background context
   */
  static Context background() {
    return Contexts.background();
  }

  /**
   * Returns the time at which this context ends by itself, if it has one.
   *
   * {@snippet class=dev.strand.snippets.ContextSnippets region=time-left}
   *
   * @return the deadline, or empty when there is none
   */
  Optional<Instant> deadline();

  /**
   * Returns why this context ended.
   *
   * @return empty while the context is live; then its error, which never changes again
   */
  Optional<ContextError> err();

  /**
   * Tells whether this context has ended.
   *
   * @return true once canceled or past its deadline
   */
  boolean isDone();

  /**
   * Arranges for {@code action} to run once this context ends: Go's {@code context.AfterFunc}. The
   * action runs on a new virtual thread, exactly once; at once if the context has already ended.
   *
   * {@snippet class=dev.strand.snippets.ContextSnippets region=on-done}
   *
   * @param action what to run
   * @return a handle whose {@link Registration#cancel()} stops the action if it has not started
   */
  Registration onDone(Runnable action);

  /**
   * Blocks until this context ends. A thread interrupted because the context ended (as a
   * request's thread is) gets the context's error, with its interrupt flag kept set.
   *
   * @return the context's error
   * @throws InterruptedException if the waiting thread is interrupted while the context is live
   */
  ContextError await() throws InterruptedException;

  /**
   * Waits for {@code duration} unless this context ends first: the seed's
   * {@code select { case <-ctx.Done(): ... case <-time.After(d): ... }} as one call.
   *
   * @param duration how long to wait
   * @return {@code Ok(duration)} when the wait completed, or {@code Err} with the context's error
   *     when the context ended first (or the thread was interrupted because it did)
   */
  @CheckReturnValue
  Result<Duration, ContextError> sleep(Duration duration);

  /**
   * Returns a child that can be canceled on its own, Go's {@code WithCancel}. Close it (it is
   * {@link AutoCloseable}) when the work it scopes is done, so its resources are freed.
   *
   * @return the child
   */
  CancelableContext withCancel();

  /**
   * Returns a child that ends after {@code timeout}, or when this context ends, whichever is
   * first. A timeout never extends the parent's deadline.
   *
   * @param timeout the time until the child's deadline
   * @return the child
   */
  CancelableContext withTimeout(Duration timeout);

  /**
   * Returns a child that ends at {@code deadline}, or when this context ends, whichever is first.
   *
   * @param deadline the child's deadline; a later one than the parent's has no effect
   * @return the child
   */
  CancelableContext withDeadline(Instant deadline);

  /**
   * Returns a child carrying {@code value} under {@code key}; everything else is inherited.
   *
   * {@snippet class=dev.strand.snippets.ContextSnippets region=values}
   *
   * @param key the key
   * @param value the value, not null
   * @param <T> the value type
   * @return the child
   */
  <T> Context withValue(Key<T> key, T value);

  /**
   * Returns the value stored under {@code key} in this context or its nearest ancestor.
   *
   * @param key the key
   * @param <T> the value type
   * @return the value, or empty
   */
  <T> Optional<T> value(Key<T> key);

  /**
   * Returns a child that keeps this context's values but is never canceled and has no deadline:
   * Go 1.21's {@code WithoutCancel}, for work that must outlive the request (an audit write, a
   * cache fill).
   *
   * {@snippet class=dev.strand.snippets.ContextSnippets region=without-cancel}
   *
   * @return the child
   */
  Context withoutCancel();

  /**
   * A Registration is the handle returned by {@link Context#onDone(Runnable)}.
   */
  interface Registration {
    /**
     * Stops the action from running, if it has not started: Go's {@code stop} function.
     *
     * @return true if this call stopped it; false if it had already run, started or been stopped
     */
    boolean cancel();
  }

  /**
   * A Key names a value stored in a {@link Context}. Keys compare by identity: make one
   * {@code static final} key per value, so two libraries never collide.
   *
   * @param <T> the type of the value it names
   */
  @SuppressWarnings("UnusedTypeParameter") // T is a phantom type: it types value(key) and withValue(key, v)
  final class Key<T> {
    private final String name;

    private Key(String name) {
      this.name = name;
    }

    /**
     * Returns a new key.
     *
     * @param name a name for debugging
     * @param <T> the type of the value it names
     * @return the key, equal only to itself
     */
    public static <T> Key<T> of(String name) {
      return new Key<>(name);
    }

    /**
     * Returns the key's name.
     *
     * @return the name given at creation
     */
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return "Key(" + name + ")";
    }
  }
}
