package dev.strand.jdkhttp;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HeadTimer is the executor the JDK server runs each exchange on: Strand's executor (a virtual
 * thread per task) plus the read-header timeout. Each task the JDK submits first reads a request
 * head and then calls {@link Bridge}; if the head is not read within the timeout, the task's thread
 * is interrupted, and the JDK's blocking channel read closes the connection
 * ({@link java.nio.channels.ClosedByInterruptException}). The clock stops when {@link #headRead()}
 * is called from the handler.
 */
final class HeadTimer implements Executor {

  private static final ThreadLocal<Watch> CURRENT = new ThreadLocal<>();

  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final long nanos;

  HeadTimer(Executor executor, ScheduledExecutorService timer, Duration readHeaderTimeout) {
    this.executor = executor;
    this.timer = timer;
    this.nanos = readHeaderTimeout.toNanos();
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(
        () -> {
          Watch w = new Watch(Thread.currentThread());
          try {
            w.future = timer.schedule(w::expire, nanos, TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException e) {
            w = null; // the server is closing; nothing to time
          }
          CURRENT.set(w);
          try {
            task.run();
          } finally {
            CURRENT.remove();
            if (w != null) {
              w.stop();
            }
            Thread.interrupted(); // an expiry that came too late must not outlive the task
          }
        });
  }

  /**
   * Stops the clock of the current task: its request head has been read.
   *
   * @return false if the timeout struck first (the connection is being closed)
   */
  static boolean headRead() {
    Watch w = CURRENT.get();
    return w == null || w.stop();
  }

  /** The clock of one task. */
  private static final class Watch {
    private static final int READING = 0;
    private static final int READ = 1;
    private static final int EXPIRED = 2;

    private final Thread thread;
    private final AtomicInteger state = new AtomicInteger(READING);
    volatile ScheduledFuture<?> future;

    Watch(Thread thread) {
      this.thread = thread;
    }

    void expire() {
      if (state.compareAndSet(READING, EXPIRED)) {
        thread.interrupt();
      }
    }

    /** Returns true unless the clock had expired. */
    boolean stop() {
      state.compareAndSet(READING, READ);
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
      return state.get() == READ;
    }
  }
}
