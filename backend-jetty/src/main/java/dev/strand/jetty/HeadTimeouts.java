package dev.strand.jetty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Keeps the read-header timeout, which Jetty lacks: a sweep closes every connection whose next
 * request head is not complete in time. The clock starts when the connection opens (for its first
 * request, as in Go) or when the first byte after the previous response arrives (for the next ones;
 * waiting without a byte is the idle timeout's business). The sweep runs about four times per
 * timeout and at most once a second, so a connection is closed up to that much late.
 *
 * <p>As in Go, the idle timeout applies between requests, not before the first: a new connection
 * gets a longer idle timeout until its first head is complete, so a busy server that is slow to read
 * a new connection does not drop it as idle.
 */
final class HeadTimeouts implements Connection.Listener, Runnable {

  /** One connection's progress; guarded by itself. */
  private static final class State {
    long messages; // heads Jetty had parsed when the last request ended
    long bytesMark; // bytes in when the wait for the next head began
    long since; // when the wait began (nanos); 0 = no byte yet; -1 = mark at the next sweep
  }

  private final long timeoutNanos;
  private final long periodMillis;
  private final long idleMillis;
  private final Map<Connection, State> states = new ConcurrentHashMap<>();
  private volatile Scheduler scheduler;
  private volatile Scheduler.Task task;

  HeadTimeouts(Duration timeout, Duration idle) {
    this.timeoutNanos = timeout.toNanos();
    this.periodMillis = Math.clamp(timeout.toMillis() / 4, 10, 1000);
    this.idleMillis = idle.toMillis();
  }

  void start(Scheduler s) {
    scheduler = s;
    task = s.schedule(this, periodMillis, TimeUnit.MILLISECONDS);
  }

  void stop() {
    scheduler = null;
    Scheduler.Task t = task;
    if (t != null) {
      t.cancel();
    }
  }

  @Override
  public void onOpened(Connection connection) {
    State s = new State();
    s.since = System.nanoTime();
    states.put(connection, s);
    long firstWait = timeoutNanos / 1_000_000 + 2 * periodMillis; // the sweep acts first
    if (firstWait > idleMillis) {
      connection.getEndPoint().setIdleTimeout(firstWait);
    }
  }

  /** Called as a request's handling begins: from now on the idle timeout applies. */
  void requestStarted(Connection connection) {
    EndPoint ep = connection.getEndPoint();
    if (ep.getIdleTimeout() != idleMillis) {
      ep.setIdleTimeout(idleMillis);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    states.remove(connection);
  }

  /** Called as a response completes, before Jetty may parse the next head. */
  void requestDone(Connection connection) {
    State s = states.get(connection);
    if (s != null) {
      synchronized (s) {
        s.messages = connection.getMessagesIn();
        s.since = -1;
      }
    }
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    states.forEach((c, s) -> {
      synchronized (s) {
        if (c.getMessagesIn() != s.messages) {
          s.since = 0; // a head is complete: its request is being served
        } else if (s.since == -1) {
          s.bytesMark = c.getBytesIn();
          s.since = 0;
        } else if (s.since == 0) {
          if (c.getBytesIn() > s.bytesMark) {
            s.since = now;
          }
        } else if (now - s.since > timeoutNanos) {
          s.since = 0;
          c.getEndPoint().close(new TimeoutException("strand: request head not received within the read-header timeout"));
        }
      }
    });
    Scheduler s = scheduler;
    if (s != null) {
      task = s.schedule(this, periodMillis, TimeUnit.MILLISECONDS);
    }
  }
}
