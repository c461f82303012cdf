package dev.strand.undertow;

import dev.strand.spi.Backend;
import dev.strand.spi.Capabilities;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Listener;
import dev.strand.spi.Settings;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * UndertowBackend runs Strand on Undertow's core HTTP/1.1 server (no servlets), found by
 * {@link java.util.ServiceLoader} under the name {@code undertow}; it can also be given by hand with
 * {@code ServerConfig.withBackend(new UndertowBackend())}.
 *
 * <p>Undertow parses on a few XNIO I/O threads; every request is handed to Strand on its own virtual
 * thread. The server is built with a shared buffer pool that needs no per-thread caches, which
 * Undertow's default pool relies on and virtual threads defeat. A client that leaves while its
 * handler runs is noticed at once, once the request body has been read; see {@link #capabilities()}.
 */
public final class UndertowBackend implements Backend {

  private static final int BUFFER_SIZE = 16 * 1024;
  private static final int POOLED_BUFFERS = 1024;

  /** Creates the backend; it holds no state until {@link #start} is called. */
  public UndertowBackend() {}

  @Override
  public String name() {
    return "undertow";
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(
        Capabilities.ClientGone.IMMEDIATE,
        Capabilities.OversizedHead.SERVER_STATUS,
        "A client that leaves is noticed at once once its request body has been read (at once for"
            + " requests without one), as in Go; while a body is unread, on the next read. Heads up to"
            + " twice the header limit get Strand's 431; larger ones, or more than 1,000 header fields,"
            + " get Undertow's own 400 and the connection is closed. A connection that sends nothing"
            + " is closed after the idle timeout; the read-header timeout runs from a head's first byte.");
  }

  @Override
  public Listener start(Settings settings, Dispatcher dispatcher) throws IOException {
    Xnio xnio = Xnio.getInstance(Undertow.class.getClassLoader());
    // At least four I/O threads even on small machines: XNIO runs a selectNow over its selector's ready
    // keys for every connection it closes, so a burst of closes costs what the busiest selector holds;
    // 5,000 simultaneous requests took half the system CPU with four selectors as with two.
    int ioThreads = Math.max(4, Runtime.getRuntime().availableProcessors());
    XnioWorker worker =
        xnio.createWorker(
            OptionMap.builder()
                .set(Options.WORKER_NAME, "strand-undertow")
                .set(Options.WORKER_IO_THREADS, ioThreads)
                // Requests run on Strand's virtual threads; the task pool only resumes pipelined requests.
                .set(Options.WORKER_TASK_CORE_THREADS, 1)
                .set(Options.WORKER_TASK_MAX_THREADS, 2)
                .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
    try {
      DefaultByteBufferPool pool = new DefaultByteBufferPool(true, BUFFER_SIZE, POOLED_BUFFERS, 0);
      HttpOpenListener open = new HttpOpenListener(pool, serverOptions(settings));
      // Sends 100 Continue when a request that expects it has its body read, as Go does.
      Active active = new Active();
      open.setRootHandler(new HttpContinueReadHandler(new Handoff(settings.executor(), dispatcher, active)));
      ChannelListener<AcceptingChannel<StreamConnection>> accept = ChannelListeners.openListenerAdapter(open);
      AcceptingChannel<StreamConnection> channel =
          worker.createStreamConnectionServer(
              new InetSocketAddress(settings.host(), settings.port()),
              accept,
              OptionMap.builder()
                  .set(Options.WORKER_IO_THREADS, ioThreads)
                  .set(Options.TCP_NODELAY, true)
                  .set(Options.REUSE_ADDRESSES, true)
                  .set(Options.BALANCING_TOKENS, 1)
                  .set(Options.BALANCING_CONNECTIONS, 2)
                  // As Go does: as long an accept queue as the kernel allows (net.core.somaxconn caps it).
                  .set(Options.BACKLOG, 65_535)
                  .getMap());
      channel.resumeAccepts();
      return new UndertowListener(worker, channel, open, active);
    } catch (IOException | RuntimeException e) {
      worker.shutdownNow();
      throw e;
    }
  }

  private static OptionMap serverOptions(Settings settings) {
    // Undertow refuses a head over MAX_HEADER_SIZE with its own 400; leave room above Strand's limit so
    // that Strand, which checks the same limit, can answer 431 for all but gross offenders.
    long headLimit = Math.min(Integer.MAX_VALUE, 2L * settings.maxHeaderBytes());
    return OptionMap.builder()
        .set(UndertowOptions.MAX_HEADER_SIZE, (int) headLimit)
        .set(UndertowOptions.MAX_HEADERS, 1000)
        .set(UndertowOptions.MAX_PARAMETERS, 100_000)
        .set(UndertowOptions.MAX_ENTITY_SIZE, -1L) // Strand keeps the body limit
        .set(UndertowOptions.NO_REQUEST_TIMEOUT, millis(settings.idleTimeout()))
        .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(settings.readHeaderTimeout()))
        .set(UndertowOptions.ALWAYS_SET_DATE, true)
        .set(UndertowOptions.DECODE_URL, false)
        .set(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
        .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
        .set(UndertowOptions.ENABLE_HTTP2, false)
        .getMap();
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  /** The root handler: runs on an I/O thread and moves each request to its own virtual thread. */
  private static final class Handoff implements HttpHandler {
    private final Executor threads;
    private final Dispatcher dispatcher;
    private final Active active;

    Handoff(Executor threads, Dispatcher dispatcher, Active active) {
      this.threads = threads;
      this.dispatcher = dispatcher;
      this.active = active;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
      String coding = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.TRANSFER_ENCODING);
      if (coding != null && !coding.trim().equalsIgnoreCase("chunked")) {
        // Undertow reads every transfer coding as chunked. Refuse what it cannot frame, as RFC 9112
        // and Go do: 400 unless chunked is the final coding, else 501 for the coding before it.
        exchange.setStatusCode(coding.toLowerCase(Locale.ROOT).matches(".*,\\s*chunked\\s*") ? 501 : 400);
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONNECTION, "close");
        exchange.getResponseSender().send(""); // ends the exchange once sent, then closes
        return;
      }
      UndertowExchange ux = new UndertowExchange(exchange, threads);
      ux.watch(); // requests without a body can be watched for the client leaving right away
      exchange.dispatch(
          threads,
          () -> {
            active.enter();
            try {
              dispatcher.dispatch(ux);
            } finally {
              ux.finish(active::exit); // counts the request until its last bytes are sent
            }
          });
    }
  }

  /**
   * Counts the requests Strand is serving or whose response is still going out, so that closing the
   * server lets those responses finish first.
   */
  private static final class Active {
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition none = lock.newCondition();

    void enter() {
      count.incrementAndGet();
    }

    void exit() {
      if (count.decrementAndGet() == 0) {
        lock.lock();
        try {
          none.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }

    void awaitNone(Duration max) {
      long deadline = System.nanoTime() + max.toNanos();
      lock.lock();
      try {
        while (count.get() > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          none.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    }
  }

  /** A running server: the accepting channel, the open connections and the XNIO worker. */
  private static final class UndertowListener implements Listener {
    private final XnioWorker worker;
    private final AcceptingChannel<StreamConnection> channel;
    private final HttpOpenListener open;
    private final Active active;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    UndertowListener(XnioWorker worker, AcceptingChannel<StreamConnection> channel, HttpOpenListener open, Active active) {
      this.worker = worker;
      this.channel = channel;
      this.open = open;
      this.active = active;
      this.address = channel.getLocalAddress(InetSocketAddress.class);
    }

    @Override
    public InetSocketAddress localAddress() {
      return address;
    }

    @Override
    public void stopAccepting() {
      IoUtils.safeClose(channel);
    }

    @Override
    public void close() {
      IoUtils.safeClose(channel);
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      // Strand has finished with its requests; let the last bytes of their responses go out first.
      active.awaitNone(Duration.ofSeconds(2));
      open.closeConnections();
      worker.shutdown();
      try {
        if (!worker.awaitTermination(2, TimeUnit.SECONDS)) {
          worker.shutdownNow();
        }
      } catch (InterruptedException e) {
        worker.shutdownNow();
        Thread.currentThread().interrupt();
      }
      // Like Undertow's own stop(), leave the buffer pool to the garbage collector: a request cut by
      // shutdown may still be writing, and a closed pool would fail it with an unchecked exception.
    }
  }
}
