package dev.strand;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Eventually polls a condition with a bound, for tests that cannot wait on a latch. */
public final class Eventually {
  private Eventually() {}

  /**
   * Returns once {@code condition} holds; fails if it does not within {@code timeout}.
   *
   * @param timeout the bound
   * @param condition what must become true
   * @param message describes the failure
   */
  public static void that(Duration timeout, BooleanSupplier condition, Supplier<String> message) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not true within " + timeout.toMillis() + " ms: " + message.get());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }
}
