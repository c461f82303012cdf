package dev.strand.examples;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Health tells the {@code /healthz} route whether the process is shutting down, so a load balancer
 * stops sending it traffic. Thread-safe.
 */
public final class Health {
  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  /** Creates a Health that reports healthy until {@link #beginShutdown()}. */
  public Health() {}

  /** Records that shutdown has begun; from now on {@link #isShuttingDown()} is true. */
  public void beginShutdown() {
    shuttingDown.set(true);
  }

  /**
   * Tells whether shutdown has begun.
   *
   * @return true after {@link #beginShutdown()}
   */
  public boolean isShuttingDown() {
    return shuttingDown.get();
  }
}
