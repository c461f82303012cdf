package dev.strand;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Result is the outcome of an operation that can fail: either an {@link Ok} holding a value or
 * an {@link Err} holding an error. It is Go's {@code (value, err)} pair as one value that the
 * compiler will not let you drop.
 *
 * <p>Both cases are records, so a {@code switch} over a Result is exhaustive and needs no
 * {@code default}:
 *
 * {@snippet class=dev.strand.snippets.UserApiSnippets region=handle-user}
 *
 * <p>With a sealed error type the switch names every failure, and the compiler checks it: add a case
 * to the error type and every switch that does not answer it stops compiling, where Go's
 * {@code if err != nil} would let the new failure fall into a generic branch.
 *
 * {@snippet class=dev.strand.snippets.UserApiSnippets region=lookup-error}
 *
 * {@snippet class=dev.strand.snippets.UserApiSnippets region=get-user}
 *
 * <p>For code that only passes a failure along, the combinators keep the unhappy path short:
 *
 * {@snippet class=dev.strand.snippets.ResultSnippets region=combinators}
 *
 * <p>Results are immutable and safe to share between threads. Neither a value nor an error may be
 * {@code null}; use {@link Optional} or a unit type such as {@link Void}-like records for "nothing".
 *
 * @param <T> the type of the value
 * @param <E> the type of the error
 */
@CheckReturnValue
public sealed interface Result<T, E> permits Result.Ok, Result.Err {

  /**
   * An Ok is the successful case of a {@link Result}.
   *
   * @param value the value, never null
   * @param <T> the type of the value
   * @param <E> the type of the error this Ok could have held
   */
  record Ok<T, E>(T value) implements Result<T, E> {
    /**
     * Creates an Ok.
     *
     * @param value the value, never null
     */
    public Ok {
      Objects.requireNonNull(value, "strand: Result.ok(value) needs a value; use Optional for absence");
    }
  }

  /**
   * An Err is the failed case of a {@link Result}.
   *
   * @param error the error, never null
   * @param <T> the type of the value this Err could have held
   * @param <E> the type of the error
   */
  record Err<T, E>(E error) implements Result<T, E> {
    /**
     * Creates an Err.
     *
     * @param error the error, never null
     */
    public Err {
      Objects.requireNonNull(error, "strand: Result.err(error) needs an error");
    }
  }

  /**
   * A Throwing is a computation that may throw, for {@link #attempt(Throwing)}.
   *
   * @param <T> the type of the value it computes
   */
  @FunctionalInterface
  interface Throwing<T> {
    /**
     * Computes the value.
     *
     * @return the value, never null
     * @throws Exception if the computation fails
     */
    T get() throws Exception;
  }

  /**
   * Returns a successful Result holding {@code value}.
   *
   * @param value the value, never null
   * @param <T> the type of the value
   * @param <E> the type of the error
   * @return an {@link Ok}
   */
  static <T, E> Result<T, E> ok(T value) {
    return new Ok<>(value);
  }

  /**
   * Returns a failed Result holding {@code error}.
   *
   * @param error the error, never null
   * @param <T> the type of the value
   * @param <E> the type of the error
   * @return an {@link Err}
   */
  static <T, E> Result<T, E> err(E error) {
    return new Err<>(error);
  }

  /**
   * Runs a call that may throw and captures its outcome: its value as {@link Ok}, or the exception
   * it threw as {@link Err}. An {@link InterruptedException} also restores the thread's interrupt
   * flag, so cancellation is not lost.
   *
   * {@snippet class=dev.strand.snippets.ResultSnippets region=attempt}
   *
   * @param call the call to run
   * @param <T> the type of the value
   * @return the value, or the exception the call threw
   */
  static <T> Result<T, Exception> attempt(Throwing<? extends T> call) {
    try {
      return new Ok<>(call.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Err<>(e);
    } catch (Exception e) {
      return new Err<>(e);
    }
  }

  /**
   * Tells whether this is an {@link Ok}.
   *
   * @return true for Ok, false for Err
   */
  default boolean isOk() {
    return this instanceof Ok;
  }

  /**
   * Returns the value if this is an {@link Ok}.
   *
   * @return the value, or empty for an Err
   */
  default Optional<T> toOptional() {
    return switch (this) {
      case Ok<T, E> ok -> Optional.of(ok.value());
      case Err<T, E> err -> Optional.empty();
    };
  }

  /**
   * Returns the error if this is an {@link Err}.
   *
   * @return the error, or empty for an Ok
   */
  default Optional<E> toErrorOptional() {
    return switch (this) {
      case Ok<T, E> ok -> Optional.empty();
      case Err<T, E> err -> Optional.of(err.error());
    };
  }

  /**
   * Transforms the value of an {@link Ok}; an {@link Err} passes through unchanged.
   *
   * @param f the function applied to the value; must not return null
   * @param <U> the new value type
   * @return the transformed Result
   */
  default <U> Result<U, E> map(Function<? super T, ? extends U> f) {
    return switch (this) {
      case Ok<T, E> ok -> new Ok<>(f.apply(ok.value()));
      case Err<T, E> err -> new Err<>(err.error());
    };
  }

  /**
   * Chains a step that can itself fail: applies {@code f} to the value of an {@link Ok}; an
   * {@link Err} passes through unchanged.
   *
   * @param f the next step
   * @param <U> the new value type
   * @return the next step's Result, or this error
   */
  default <U> Result<U, E> flatMap(Function<? super T, ? extends Result<? extends U, E>> f) {
    return switch (this) {
      case Ok<T, E> ok ->
          narrow(Objects.requireNonNull(f.apply(ok.value()), "strand: flatMap's function returned null, not a Result"));
      case Err<T, E> err -> new Err<>(err.error());
    };
  }

  /**
   * Transforms the error of an {@link Err}; an {@link Ok} passes through unchanged.
   *
   * @param f the function applied to the error; must not return null
   * @param <F> the new error type
   * @return the transformed Result
   */
  default <F> Result<T, F> mapErr(Function<? super E, ? extends F> f) {
    return switch (this) {
      case Ok<T, E> ok -> new Ok<>(ok.value());
      case Err<T, E> err -> new Err<>(f.apply(err.error()));
    };
  }

  /**
   * Collapses both cases into one value.
   *
   * @param onOk applied to the value of an Ok
   * @param onErr applied to the error of an Err
   * @param <R> the type of the outcome
   * @return what the applied function returned
   */
  default <R> R fold(Function<? super T, ? extends R> onOk, Function<? super E, ? extends R> onErr) {
    return switch (this) {
      case Ok<T, E> ok -> onOk.apply(ok.value());
      case Err<T, E> err -> onErr.apply(err.error());
    };
  }

  /**
   * Returns the value, or {@code fallback} for an {@link Err}.
   *
   * @param fallback the value to use on failure
   * @return the value or the fallback
   */
  default T orElse(T fallback) {
    return switch (this) {
      case Ok<T, E> ok -> ok.value();
      case Err<T, E> err -> fallback;
    };
  }

  /**
   * Returns the value, or computes one from the error of an {@link Err}.
   *
   * @param fallback computes the value to use from the error
   * @return the value or the computed fallback
   */
  default T orElseGet(Function<? super E, ? extends T> fallback) {
    return switch (this) {
      case Ok<T, E> ok -> ok.value();
      case Err<T, E> err -> fallback.apply(err.error());
    };
  }

  /**
   * Returns the value, or throws an exception made from the error of an {@link Err}.
   *
   * @param toException makes the exception to throw from the error
   * @param <X> the type of the exception
   * @return the value
   * @throws X if this is an Err
   */
  default <X extends Throwable> T orElseThrow(Function<? super E, ? extends X> toException) throws X {
    return switch (this) {
      case Ok<T, E> ok -> ok.value();
      case Err<T, E> err -> throw toException.apply(err.error());
    };
  }

  /**
   * Returns the value, or throws {@link java.util.NoSuchElementException} naming the error.
   *
   * @return the value
   * @throws java.util.NoSuchElementException if this is an Err
   */
  default T orElseThrow() {
    return switch (this) {
      case Ok<T, E> ok -> ok.value();
      case Err<T, E> err ->
          throw new java.util.NoSuchElementException("strand: Result is an Err: " + err.error());
    };
  }

  /**
   * Returns this Result when it is an {@link Ok}, or the one {@code supplier} gives for an Err.
   *
   * @param supplier gives the alternative Result
   * @return this Ok or the alternative
   */
  default Result<T, E> or(Supplier<? extends Result<T, E>> supplier) {
    return switch (this) {
      case Ok<T, E> ok -> ok;
      case Err<T, E> err -> Objects.requireNonNull(supplier.get(), "strand: or's supplier returned null, not a Result");
    };
  }

  @SuppressWarnings("unchecked")
  private static <U, E> Result<U, E> narrow(Result<? extends U, E> r) {
    return (Result<U, E>) r;
  }
}
