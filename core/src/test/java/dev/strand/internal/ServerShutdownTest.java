package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.strand.ContextError;
import dev.strand.Handler;
import dev.strand.LogCapture;
import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ServerConfig;
import dev.strand.ShutdownReport;
import dev.strand.spi.Backend;
import dev.strand.spi.Capabilities;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Listener;
import dev.strand.spi.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server's start and two-phase shutdown, over an in-memory backend that hands exchanges straight to
 * the dispatcher (real sockets are the conformance suite's job).
 */
class ServerShutdownTest {

  private static final Duration BOUND = Duration.ofSeconds(5);

  /** A backend with no sockets: it keeps the dispatcher so the test can play requests. */
  static final class MemoryBackend implements Backend {
    volatile Dispatcher dispatcher;
    volatile Settings settings;
    volatile boolean stoppedAccepting;
    volatile boolean closed;
    volatile boolean failToBind;

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public Capabilities capabilities() {
      return new Capabilities(Capabilities.ClientGone.IMMEDIATE, Capabilities.OversizedHead.STATUS_431, "in memory");
    }

    @Override
    public Listener start(Settings s, Dispatcher d) throws IOException {
      if (failToBind) {
        throw new IOException("Address already in use");
      }
      this.settings = s;
      this.dispatcher = d;
      return new Listener() {
        @Override
        public InetSocketAddress localAddress() {
          return new InetSocketAddress(InetAddress.getLoopbackAddress(), 4242);
        }

        @Override
        public void stopAccepting() {
          stoppedAccepting = true;
        }

        @Override
        public void close() {
          closed = true;
        }
      };
    }

    /** Dispatches on the server's executor, as a real backend does. */
    Thread play(FakeExchange ex) {
      return Thread.ofVirtual().start(() -> dispatcher.dispatch(ex));
    }
  }

  private final MemoryBackend backend = new MemoryBackend();
  private Server server;

  private Server start(Handler h) {
    server = Server.start(h, ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withAccessLog(false).withBackend(backend));
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      ShutdownReport unused = server.shutdown(Duration.ZERO);
    }
  }

  @Test
  void startHandsTheBackendTheConfiguredSettings() {
    Server s = start((ctx, req) -> Response.text("x"));
    assertEquals("127.0.0.1", backend.settings.host());
    assertEquals(0, backend.settings.port());
    assertEquals(64 * 1024, backend.settings.maxHeaderBytes());
    assertEquals(4242, s.port());
    assertEquals(URI.create("http://127.0.0.1:4242"), s.uri());
    assertEquals("memory", s.backendName());
    assertTrue(s.toString().contains("memory"));
  }

  @Test
  void aPortInUseFailsWithAMessageThatSaysWhatToDo() {
    backend.failToBind = true;
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> start((ctx, req) -> Response.text("x")));
    assertTrue(e.getMessage().startsWith("strand: cannot listen on 127.0.0.1:0"), e.getMessage());
    assertTrue(e.getMessage().contains("port 0"), e.getMessage());
  }

  @Test
  void requestsAreServedThroughThePipeline() throws Exception {
    start((ctx, req) -> Response.text("hi " + req.path()));
    FakeExchange ex = new FakeExchange("GET", "/there");
    assertTrue(backend.play(ex).join(BOUND));
    assertEquals(200, ex.status());
    assertEquals("hi /there", ex.bodyText());
  }

  @Test
  void shutdownWithNothingInFlightStopsAtOnce() {
    Server s = start((ctx, req) -> Response.text("x"));
    ShutdownReport r = s.shutdown(Duration.ofSeconds(10));
    assertEquals(0, r.drained());
    assertEquals(0, r.cut());
    assertTrue(r.took().compareTo(Duration.ofSeconds(5)) < 0, r.toString());
    assertTrue(backend.stoppedAccepting);
    assertTrue(backend.closed);
    assertTrue(s.isShuttingDown());
  }

  @Test
  void shutdownLetsInFlightRequestsFinishWithinTheGrace() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Server s = start((ctx, req) -> {
      entered.countDown();
      release.await();
      return Response.text("finished");
    });
    FakeExchange inflight = new FakeExchange("GET", "/work");
    Thread t = backend.play(inflight);
    assertTrue(entered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    AtomicReference<ShutdownReport> report = new AtomicReference<>();
    Thread stopper = Thread.ofVirtual().start(() -> report.set(s.shutdown(Duration.ofSeconds(30))));
    dev.strand.Eventually.that(BOUND, () -> backend.stoppedAccepting, () -> "never stopped accepting");
    FakeExchange late = new FakeExchange("GET", "/late");
    assertTrue(backend.play(late).join(BOUND));
    assertEquals(503, late.status(), "new requests on open connections get 503");
    assertEquals("close", late.responseHeaders().get("Connection"));
    release.countDown();
    assertTrue(t.join(BOUND));
    assertTrue(stopper.join(BOUND));
    assertEquals(200, inflight.status());
    assertEquals("finished", inflight.bodyText());
    assertEquals(1, report.get().drained());
    assertEquals(0, report.get().cut());
  }

  @Test
  void shutdownCutsRequestsStillRunningAfterTheGrace() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    AtomicReference<ContextError> seen = new AtomicReference<>();
    Server s = start((ctx, req) -> {
      entered.countDown();
      seen.set(ctx.await());
      return Response.text("x");
    });
    FakeExchange inflight = new FakeExchange("GET", "/forever");
    Thread t = backend.play(inflight);
    assertTrue(entered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    try (LogCapture unused = LogCapture.of("dev.strand.server", Level.WARN)) {
      ShutdownReport r = s.shutdown(Duration.ofMillis(50));
      assertEquals(1, r.cut());
      assertEquals(0, r.drained());
    }
    assertTrue(t.join(BOUND));
    assertEquals(503, inflight.status());
    dev.strand.Eventually.that(BOUND, () -> seen.get() != null, () -> "the handler never saw its context end");
    assertEquals(ContextError.SHUTDOWN, seen.get());
  }

  @Test
  void anAstronomicalGraceIsAccepted() {
    Server s = start((ctx, req) -> Response.text("x"));
    ShutdownReport r = s.shutdown(Duration.ofSeconds(Long.MAX_VALUE));
    assertEquals(0, r.cut());
  }

  @Test
  void shutdownTwiceReturnsTheFirstReport() {
    Server s = start((ctx, req) -> Response.text("x"));
    ShutdownReport first = s.shutdown(Duration.ZERO);
    assertSame(first, s.shutdown(Duration.ofSeconds(5)));
    s.close();
  }

  @Test
  void awaitShutdownReturnsOnceStopped() throws Exception {
    Server s = start((ctx, req) -> Response.text("x"));
    CountDownLatch returned = new CountDownLatch(1);
    Thread.ofVirtual().start(() -> {
      try {
        s.awaitShutdown();
        returned.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertEquals(1, returned.getCount());
    ShutdownReport unused = s.shutdown(Duration.ZERO);
    assertTrue(returned.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
  }
}
