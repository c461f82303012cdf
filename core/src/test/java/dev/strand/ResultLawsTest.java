package dev.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Result obeys the functor and monad laws, checked over many generated values (a fixed seed, so a
 * failure is reproducible).
 */
class ResultLawsTest {

  private static final int CASES = 2_000;

  /** Plain functions to map with: a small, varied family, chosen at random. */
  private static final List<Function<Integer, Integer>> FUNCTIONS =
      List.of(x -> x + 1, x -> x * 3, x -> -x, x -> x / 7, x -> x ^ 0x5a5a, Math::abs, x -> x % 13, x -> x * x);

  /** Error functions for mapErr. */
  private static final List<Function<String, String>> ERROR_FUNCTIONS =
      List.of(e -> e + "!", String::toUpperCase, e -> e.isEmpty() ? "empty" : e.substring(1), e -> "wrapped(" + e + ")");

  private final Random random = new Random(20261204L);

  private Result<Integer, String> anyResult() {
    return random.nextInt(4) == 0 ? Result.err("e" + random.nextInt(1000)) : Result.ok(random.nextInt());
  }

  private Function<Integer, Integer> anyFunction() {
    return FUNCTIONS.get(random.nextInt(FUNCTIONS.size()));
  }

  private Function<String, String> anyErrorFunction() {
    return ERROR_FUNCTIONS.get(random.nextInt(ERROR_FUNCTIONS.size()));
  }

  /** A step that can fail, as flatMap takes: fails for some inputs, transforms the others. */
  private Function<Integer, Result<Integer, String>> anyStep() {
    int modulus = 2 + random.nextInt(5);
    Function<Integer, Integer> f = anyFunction();
    String tag = "step" + modulus;
    return x -> Math.floorMod(x, modulus) == 0 ? Result.err(tag + ":" + x) : Result.ok(f.apply(x));
  }

  @Test
  void mapWithIdentityChangesNothing() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      assertEquals(r, r.map(x -> x), r::toString);
    }
  }

  @Test
  void mapOfACompositionIsTheCompositionOfMaps() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      Function<Integer, Integer> f = anyFunction();
      Function<Integer, Integer> g = anyFunction();
      assertEquals(r.map(f.andThen(g)), r.map(f).map(g), r::toString);
    }
  }

  @Test
  void flatMapOfOkIsTheStepItself() {
    for (int i = 0; i < CASES; i++) {
      int x = random.nextInt();
      Function<Integer, Result<Integer, String>> f = anyStep();
      assertEquals(f.apply(x), Result.<Integer, String>ok(x).flatMap(f), () -> "x=" + x);
    }
  }

  @Test
  void flatMapWithOkChangesNothing() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      assertEquals(r, r.flatMap(Result::ok), r::toString);
    }
  }

  @Test
  void flatMapIsAssociative() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      Function<Integer, Result<Integer, String>> f = anyStep();
      Function<Integer, Result<Integer, String>> g = anyStep();
      assertEquals(r.flatMap(f).flatMap(g), r.flatMap(x -> f.apply(x).flatMap(g)), r::toString);
    }
  }

  @Test
  void mapIsFlatMapOfOk() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      Function<Integer, Integer> f = anyFunction();
      assertEquals(r.map(f), r.flatMap(x -> Result.ok(f.apply(x))), r::toString);
    }
  }

  @Test
  void mapErrWithIdentityChangesNothing() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      assertEquals(r, r.mapErr(e -> e), r::toString);
    }
  }

  @Test
  void mapErrOfACompositionIsTheCompositionOfMapErrs() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      Function<String, String> f = anyErrorFunction();
      Function<String, String> g = anyErrorFunction();
      assertEquals(r.mapErr(f.andThen(g)), r.mapErr(f).mapErr(g), r::toString);
    }
  }

  @Test
  void mapAndMapErrCommute() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      Function<Integer, Integer> f = anyFunction();
      Function<String, String> g = anyErrorFunction();
      assertEquals(r.map(f).mapErr(g), r.mapErr(g).map(f), r::toString);
    }
  }

  @Test
  void foldWithTheConstructorsRebuildsTheResult() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      Result<Integer, String> rebuilt = r.fold(Result::ok, Result::err);
      assertEquals(r, rebuilt, r::toString);
    }
  }

  @Test
  void orElseAgreesWithFoldAndWithToOptional() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      int fallback = random.nextInt();
      assertEquals(r.fold(v -> v, e -> fallback), r.orElse(fallback), r::toString);
      assertEquals(r.toOptional().orElse(fallback), r.orElse(fallback), r::toString);
      assertEquals(r.fold(v -> v, String::length), r.orElseGet(String::length), r::toString);
    }
  }

  @Test
  void orWithAnErrSupplierIsIdentityOnOkAndReplacesErr() {
    for (int i = 0; i < CASES; i++) {
      Result<Integer, String> r = anyResult();
      Result<Integer, String> other = anyResult();
      Result<Integer, String> expected = r.isOk() ? r : other;
      assertEquals(expected, r.or(() -> other), r::toString);
    }
  }
}
