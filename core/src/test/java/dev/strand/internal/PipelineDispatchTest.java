package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.strand.ContextError;
import dev.strand.Eventually;
import dev.strand.Handler;
import dev.strand.LogCapture;
import dev.strand.Response;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Pipeline.dispatch driven directly on the test's own thread, as a backend calls it: the backend's
 * thread is left clean, a client that leaves is handled, and shutdown bookkeeping is exact.
 */
class PipelineDispatchTest {

  private static final Duration BOUND = Duration.ofSeconds(5);

  private static Pipeline pipeline(Handler h, Duration timeout, int maxConcurrent) {
    return new Pipeline(h, new Pipeline.Limits(timeout, 64 * 1024, 1024 * 1024, maxConcurrent, false));
  }

  private static Pipeline pipeline(Handler h) {
    return pipeline(h, Duration.ofSeconds(30), 100);
  }

  @AfterEach
  void clean() {
    boolean unused = Thread.interrupted();
  }

  @Test
  void theBackendThreadIsNotInterruptedAfterADeadline() {
    CountDownLatch release = new CountDownLatch(1);
    FakeExchange ex = new FakeExchange("GET", "/");
    pipeline((ctx, req) -> {
      while (!release.await(30, TimeUnit.SECONDS)) {
        // wait
      }
      return Response.text("late");
    }, Duration.ofMillis(50), 10).dispatch(ex);
    release.countDown();
    assertEquals(504, ex.status());
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt leaked to the backend's thread");
  }

  @Test
  void theBackendThreadIsNotInterruptedAfterAStreamCutByTheDeadline() {
    FakeExchange ex = new FakeExchange("GET", "/");
    pipeline((ctx, req) -> Response.stream(200, "text/plain", (c, out) -> {
      try {
        while (true) {
          out.write('x');
          Thread.sleep(5);
        }
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      }
    }), Duration.ofMillis(500), 10).dispatch(ex);
    assertEquals(200, ex.status(), "the handler returned before its deadline");
    assertTrue(ex.aborted());
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt leaked to the backend's thread");
  }

  @Test
  void theBackendThreadIsNotInterruptedAfterAStreamCutByAClientThatLeft() {
    FakeExchange ex = new FakeExchange("GET", "/");
    pipeline((ctx, req) -> Response.stream(200, "text/plain", (c, out) -> {
      out.write('x');
      ex.clientLeaves(); // the context ends while the body is being written
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      }
    })).dispatch(ex);
    assertTrue(ex.aborted());
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt leaked to the backend's thread");
  }

  @Test
  void theBackendThreadIsNotInterruptedAfterAStreamThatSwallowsTheInterrupt() {
    FakeExchange ex = new FakeExchange("GET", "/");
    pipeline((ctx, req) -> Response.stream(200, "text/plain", (c, out) -> {
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        // swallowed, and the flag is not restored either
      }
      out.write('x');
    }), Duration.ofMillis(300), 10).dispatch(ex);
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void theBackendThreadsMdcIsCleanAfterDispatch() {
    FakeExchange ex = new FakeExchange("GET", "/");
    pipeline((ctx, req) -> Response.text("x")).dispatch(ex);
    assertEquals(null, MDC.get("requestId"));
  }

  @Test
  void theHandlerContextIsCanceledWhenTheClientLeavesAndNothingIsWritten() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    AtomicReference<ContextError> seen = new AtomicReference<>();
    FakeExchange ex = new FakeExchange("GET", "/");
    Pipeline p = pipeline((ctx, req) -> {
      entered.countDown();
      seen.set(ctx.await());
      return Response.text("too late");
    });
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      Thread backend = Thread.ofVirtual().start(() -> p.dispatch(ex));
      assertTrue(entered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
      assertTrue(ex.hasClientGoneHook());
      ex.clientLeaves();
      assertTrue(backend.join(BOUND));
      assertFalse(ex.responded(), "nobody is left to answer");
      assertTrue(ex.aborted());
      Eventually.that(BOUND, () -> seen.get() != null, () -> "handler never saw its context end");
      assertEquals(ContextError.CLIENT_GONE, seen.get());
      assertEquals(List.of(), log.at(Level.ERROR));
      assertEquals(List.of(), log.at(Level.WARN));
    }
  }

  @Test
  void aMethodThatIsNotATokenIs400NotAnInternalFailure() {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      for (String method : new String[] {"GE T", "", "G\u00c9T", "GET\r\n"}) {
        FakeExchange ex = new FakeExchange(method, "/");
        pipeline((ctx, req) -> Response.text("x")).dispatch(ex);
        assertEquals(400, ex.status(), () -> "method '" + method + "'");
        assertFalse(ex.aborted());
      }
      assertEquals(List.of(), log.at(Level.ERROR));
    }
  }

  @Test
  void drainingAnswers503WithCloseAndRetryAfter() {
    Pipeline p = pipeline((ctx, req) -> Response.text("x"));
    p.beginDrain();
    assertTrue(p.isDraining());
    FakeExchange ex = new FakeExchange("GET", "/healthz");
    p.dispatch(ex);
    assertEquals(503, ex.status());
    assertEquals("close", ex.responseHeaders().get("Connection"));
    assertEquals("1", ex.responseHeaders().get("Retry-After"));
    assertTrue(ex.responseHeaders().get("X-Request-Id").matches("[0-9a-f]{16}"));
  }

  @Test
  void inflightCountsRunningRequestsAndAwaitIdleWaitsForThem() throws Exception {
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Pipeline p = pipeline((ctx, req) -> {
      entered.countDown();
      release.await();
      return Response.text("x");
    });
    FakeExchange a = new FakeExchange("GET", "/a");
    FakeExchange b = new FakeExchange("GET", "/b");
    Thread.ofVirtual().start(() -> p.dispatch(a));
    Thread.ofVirtual().start(() -> p.dispatch(b));
    assertTrue(entered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertEquals(2, p.inflight());
    p.beginDrain();
    assertFalse(p.awaitIdle(Duration.ofMillis(20)));
    release.countDown();
    assertTrue(p.awaitIdle(BOUND));
    assertEquals(0, p.inflight());
    assertEquals(2, p.completedWhileDraining());
    assertEquals(200, a.status());
    assertEquals(200, b.status());
  }

  @Test
  void cutAllEndsInflightRequestsWithShutdown() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    AtomicReference<ContextError> seen = new AtomicReference<>();
    Pipeline p = pipeline((ctx, req) -> {
      entered.countDown();
      seen.set(ctx.await());
      return Response.text("x");
    });
    FakeExchange ex = new FakeExchange("GET", "/long");
    Thread backend = Thread.ofVirtual().start(() -> p.dispatch(ex));
    assertTrue(entered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    p.beginDrain();
    assertEquals(1, p.cutAll());
    assertTrue(backend.join(BOUND));
    assertEquals(503, ex.status());
    assertEquals("1", ex.responseHeaders().get("Retry-After"));
    Eventually.that(BOUND, () -> seen.get() != null, () -> "handler never saw its context end");
    assertEquals(ContextError.SHUTDOWN, seen.get());
    assertTrue(p.awaitIdle(BOUND));
  }

  @Test
  void aFailingBackendWriteIsHandledAsAClientThatLeft() {
    FakeExchange ex = new FakeExchange("GET", "/").failingWrites();
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      pipeline((ctx, req) -> Response.text("x")).dispatch(ex);
      assertTrue(ex.aborted());
      assertEquals(List.of(), log.at(Level.ERROR));
    }
  }
}
