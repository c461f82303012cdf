package dev.strand.jdkhttp;

import com.sun.net.httpserver.HttpServer;
import dev.strand.spi.Listener;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * JdkListener is a running JDK server. The JDK stops accepting only inside
 * {@link HttpServer#stop(int)}, which also waits for open exchanges, so {@link #stopAccepting()}
 * runs a long stop on a thread of its own and {@link #close()} a stop without delay.
 */
final class JdkListener implements Listener {

  private final HttpServer server;
  private final ExecutorService timer;
  private final InetSocketAddress address;
  private Thread stopper; // guarded by this
  private boolean closed; // guarded by this

  JdkListener(HttpServer server, ExecutorService timer) {
    this.server = server;
    this.timer = timer;
    this.address = server.getAddress();
  }

  @Override
  public InetSocketAddress localAddress() {
    return address;
  }

  @Override
  public void stopAccepting() {
    Thread t;
    synchronized (this) {
      if (stopper != null || closed) {
        return;
      }
      // stop() closes the listening socket, then waits for open exchanges to end (and Strand's
      // close() cuts that wait short); meanwhile open connections keep being served.
      t = Thread.ofPlatform().daemon().name("strand-jdkhttp-stop").start(() -> server.stop(Integer.MAX_VALUE));
      stopper = t;
    }
    // Return once the listening socket is closed: stop() then waits, or has finished.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < deadline) {
      Thread.State s = t.getState();
      if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.TERMINATED) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    server.stop(0);
    timer.shutdownNow();
  }

  @Override
  public String toString() {
    return "JdkListener{" + address + "}";
  }
}
