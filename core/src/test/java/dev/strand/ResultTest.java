package dev.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Result is Go's (value, err) as one value: Ok or Err, with the usual combinators. */
class ResultTest {

  /** A sealed error type, as an application would declare one. */
  sealed interface FindError permits NotFound, Unavailable {}

  record NotFound(long id) implements FindError {}

  record Unavailable(String why) implements FindError {}

  @AfterEach
  void clearInterrupt() {
    boolean unused = Thread.interrupted();
  }

  private static Result<String, FindError> find(long id) {
    if (id == 1) {
      return Result.ok("Alice");
    }
    return id < 0 ? Result.err(new Unavailable("db down")) : Result.err(new NotFound(id));
  }

  private static String describe(Result<String, FindError> r) {
    // Exhaustive over Ok/Err and over the sealed error type: no default branch.
    return switch (r) {
      case Result.Ok(var name) -> "ok " + name;
      case Result.Err(NotFound(var id)) -> "no user " + id;
      case Result.Err(Unavailable(var why)) -> "unavailable: " + why;
    };
  }

  @Test
  void anExhaustiveSwitchSeesEveryCase() {
    assertEquals("ok Alice", describe(find(1)));
    assertEquals("no user 7", describe(find(7)));
    assertEquals("unavailable: db down", describe(find(-1)));
  }

  @Test
  void okAndErrAreRecordsWithValueEquality() {
    assertEquals(Result.ok(1), Result.ok(1));
    assertEquals(Result.err("x"), Result.err("x"));
    assertFalse(Result.ok("x").equals(Result.err("x")));
    assertInstanceOf(Result.Ok.class, Result.ok(1));
    assertInstanceOf(Result.Err.class, Result.err(1));
    assertEquals(Result.ok(1).hashCode(), Result.ok(1).hashCode());
  }

  @Test
  void nullValueOrErrorIsRefused() {
    NullPointerException a = assertThrows(NullPointerException.class, () -> Result.ok(null));
    assertTrue(a.getMessage().startsWith("strand: "));
    assertThrows(NullPointerException.class, () -> Result.err(null));
  }

  @Test
  void isOkAndOptionalsReflectTheCase() {
    Result<Integer, String> ok = Result.ok(3);
    Result<Integer, String> err = Result.err("bad");
    assertTrue(ok.isOk());
    assertFalse(err.isOk());
    assertEquals(Optional.of(3), ok.toOptional());
    assertEquals(Optional.empty(), err.toOptional());
    assertEquals(Optional.empty(), ok.toErrorOptional());
    assertEquals(Optional.of("bad"), err.toErrorOptional());
  }

  @Test
  void mapTransformsOkAndPassesErrThroughWithoutCallingTheFunction() {
    AtomicInteger calls = new AtomicInteger();
    assertEquals(Result.ok(4), Result.<Integer, String>ok(2).map(x -> x * 2));
    Result<Integer, String> err = Result.err("bad");
    assertEquals(Result.err("bad"), err.map(x -> calls.incrementAndGet()));
    assertEquals(0, calls.get());
  }

  @Test
  void mapToNullIsRefused() {
    assertThrows(NullPointerException.class, () -> Result.<Integer, String>ok(1).map(x -> null));
  }

  @Test
  void flatMapChainsStepsAndStopsAtTheFirstErr() {
    Result<Integer, String> r =
        Result.<Integer, String>ok(10)
            .flatMap(x -> Result.ok(x + 1))
            .flatMap(x -> x > 5 ? Result.<Integer, String>err("too big: " + x) : Result.ok(x))
            .flatMap(x -> Result.ok(x * 100));
    assertEquals(Result.err("too big: 11"), r);
  }

  @Test
  void flatMapOrOrToNullIsRefusedNotPassedOn() {
    assertThrows(NullPointerException.class, () -> Result.<Integer, String>ok(1).flatMap(x -> null));
    assertThrows(NullPointerException.class, () -> Result.<Integer, String>err("x").or(() -> null));
  }

  @Test
  void mapErrTransformsErrAndPassesOkThrough() {
    assertEquals(Result.err(3), Result.<String, String>err("bad").mapErr(String::length));
    assertEquals(Result.ok("fine"), Result.<String, String>ok("fine").mapErr(String::length));
  }

  @Test
  void foldCollapsesBothCases() {
    assertEquals("v=1", Result.<Integer, String>ok(1).fold(v -> "v=" + v, e -> "e=" + e));
    assertEquals("e=x", Result.<Integer, String>err("x").fold(v -> "v=" + v, e -> "e=" + e));
  }

  @Test
  void orElseGivesTheValueOrTheFallback() {
    assertEquals(1, Result.<Integer, String>ok(1).orElse(9));
    assertEquals(9, Result.<Integer, String>err("x").orElse(9));
  }

  @Test
  void orElseGetComputesTheFallbackFromTheErrorOnlyForErr() {
    AtomicInteger calls = new AtomicInteger();
    assertEquals(1, Result.<Integer, String>ok(1).orElseGet(e -> calls.incrementAndGet()));
    assertEquals(0, calls.get());
    assertEquals(3, Result.<Integer, String>err("abc").orElseGet(String::length));
  }

  @Test
  void orElseThrowWithAFactoryThrowsTheMadeException() {
    assertEquals(1, Result.<Integer, String>ok(1).orElseThrow(IllegalStateException::new));
    IOException e = assertThrows(IOException.class, () -> Result.<Integer, String>err("disk").orElseThrow(IOException::new));
    assertEquals("disk", e.getMessage());
  }

  @Test
  void orElseThrowWithoutAFactoryNamesTheError() {
    assertEquals("v", Result.ok("v").orElseThrow());
    NoSuchElementException e =
        assertThrows(NoSuchElementException.class, () -> Result.err(new NotFound(5)).orElseThrow());
    assertTrue(e.getMessage().startsWith("strand: "));
    assertTrue(e.getMessage().contains("NotFound[id=5]"), e.getMessage());
  }

  @Test
  void orReturnsThisOkWithoutAskingTheSupplier() {
    Result<Integer, String> ok = Result.ok(1);
    assertSame(ok, ok.or(() -> {
      throw new AssertionError("not called");
    }));
    assertEquals(Result.ok(2), Result.<Integer, String>err("x").or(() -> Result.ok(2)));
    assertEquals(Result.err("y"), Result.<Integer, String>err("x").or(() -> Result.err("y")));
  }

  @Test
  void attemptCapturesTheValue() {
    assertEquals(Result.ok(42), Result.attempt(() -> 42));
  }

  @Test
  void attemptCapturesCheckedAndUncheckedExceptions() {
    IOException io = new IOException("disk");
    assertSame(io, Result.attempt(() -> {
      throw io;
    }).toErrorOptional().orElseThrow());
    IllegalStateException ise = new IllegalStateException("state");
    assertSame(ise, Result.attempt(() -> {
      throw ise;
    }).toErrorOptional().orElseThrow());
  }

  @Test
  void attemptRestoresTheInterruptFlagOnInterruptedException() {
    assertFalse(Thread.currentThread().isInterrupted());
    Result<Object, Exception> r = Result.attempt(() -> {
      throw new InterruptedException("stop");
    });
    assertInstanceOf(InterruptedException.class, r.toErrorOptional().orElseThrow());
    assertTrue(Thread.interrupted(), "the interrupt must not be swallowed");
  }

  @Test
  void attemptOfABlockingCallInterruptedMidWayKeepsTheFlag() {
    Thread.currentThread().interrupt();
    Result<String, Exception> r = Result.attempt(() -> {
      Thread.sleep(10_000);
      return "slept";
    });
    assertInstanceOf(InterruptedException.class, r.toErrorOptional().orElseThrow());
    assertTrue(Thread.interrupted());
  }

  @Test
  void attemptDoesNotCatchErrors() {
    assertThrows(StackOverflowError.class, () -> Result.attempt(() -> {
      throw new StackOverflowError();
    }));
  }

  @Test
  void attemptOfANullValueIsAnErrNotAnOkHoldingNull() {
    Result<Object, Exception> r = Result.attempt(() -> null);
    assertFalse(r.isOk());
  }
}
