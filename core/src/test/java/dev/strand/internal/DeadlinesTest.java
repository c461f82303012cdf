package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.strand.Context;
import dev.strand.ContextEndedException;
import dev.strand.ContextError;
import dev.strand.LogCapture;
import dev.strand.Request;
import dev.strand.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import dev.strand.Warmup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Deadlines.call keeps a deadline even against a handler that ignores it. */
class DeadlinesTest {

  @BeforeAll
  static void warmUp() {
    Warmup.pipeline();
  }

  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final Request REQUEST = Request.builder("GET", "/").id("dl-1").build();

  @AfterEach
  void clean() {
    boolean unused = Thread.interrupted();
    MDC.clear();
  }

  @Test
  void returnsTheHandlersResponse() throws Exception {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    Response r = Response.text("hi");
    assertSame(r, Deadlines.call(ctx, REQUEST, (c, req) -> r));
    assertEquals(0, ctx.listenerCount(), "the call leaves no listener behind");
  }

  @Test
  void rethrowsTheHandlersCheckedExceptionAsIs() {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    IOException boom = new IOException("boom");
    IOException e = assertThrows(IOException.class, () -> Deadlines.call(ctx, REQUEST, (c, req) -> {
      throw boom;
    }));
    assertSame(boom, e);
    assertEquals(0, ctx.listenerCount());
  }

  @Test
  void rethrowsErrorsAsIs() {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    assertThrows(StackOverflowError.class, () -> Deadlines.call(ctx, REQUEST, (c, req) -> {
      throw new StackOverflowError();
    }));
  }

  @Test
  void aNullResponseIsAFailureNamingTheRequest() {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    NullPointerException e = assertThrows(NullPointerException.class, () -> Deadlines.call(ctx, REQUEST, (c, req) -> null));
    assertTrue(e.getMessage().startsWith("strand: handler returned null"), e.getMessage());
  }

  @Test
  void runsTheHandlerOnAVirtualThreadOfItsOwn() throws Exception {
    AtomicReference<Thread> t = new AtomicReference<>();
    Response unused = Deadlines.call(Context.background(), REQUEST, (c, req) -> {
      t.set(Thread.currentThread());
      return Response.text("x");
    });
    assertTrue(t.get().isVirtual());
    assertFalse(t.get() == Thread.currentThread());
  }

  @Test
  void anAlreadyEndedContextFailsWithoutCallingTheHandler() {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    ctx.cancel(ContextError.SHUTDOWN);
    AtomicBoolean called = new AtomicBoolean();
    ContextEndedException e = assertThrows(ContextEndedException.class, () -> Deadlines.call(ctx, REQUEST, (c, req) -> {
      called.set(true);
      return Response.text("x");
    }));
    assertEquals(ContextError.SHUTDOWN, e.error());
    assertFalse(called.get());
  }

  @Test
  void returnsAtTheDeadlineAndInterruptsAHandlerThatIgnoresIt() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), Instant.now().plusMillis(100));
    long start = System.nanoTime();
    ContextEndedException e = assertThrows(ContextEndedException.class, () -> Deadlines.call(ctx, REQUEST, (c, req) -> {
      while (true) {
        try {
          if (release.await(10, TimeUnit.SECONDS)) {
            return Response.text("late");
          }
        } catch (InterruptedException ie) {
          interrupted.countDown();
        }
      }
    }));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();
    assertEquals(ContextError.DEADLINE_EXCEEDED, e.error());
    assertTrue(ms < 100 + 2_000, "returned after " + ms + " ms");
    assertTrue(interrupted.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertFalse(Thread.currentThread().isInterrupted(), "the caller's thread is not interrupted");
  }

  @Test
  void aResponseReturnedAfterTheContextEndedIsDroppedAndLoggedAtDebug() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      Thread.ofVirtual().start(() -> {
        try {
          started.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ctx.cancel();
      });
      assertThrows(ContextEndedException.class, () -> Deadlines.call(ctx, REQUEST, (c, req) -> {
        started.countDown();
        while (true) {
          try {
            release.await();
            return Response.text("late");
          } catch (InterruptedException ignored) {
            // a handler that ignores its context
          }
        }
      }));
      release.countDown();
      log.await(BOUND, ev -> ev.getLevel() == Level.DEBUG && ev.getFormattedMessage().contains("dropped the response"));
      assertEquals(0, log.at(Level.ERROR).size());
    }
  }

  @Test
  void handlerSeesTheCallersMdc() throws Exception {
    MDC.put("requestId", "mdc-7");
    AtomicReference<String> seen = new AtomicReference<>();
    Response unused = Deadlines.call(Context.background(), REQUEST, (c, req) -> {
      seen.set(MDC.get("requestId"));
      return Response.text("x");
    });
    assertEquals("mdc-7", seen.get());
  }

  @Test
  void handlerRunsWithAnEmptyMdcWhenTheCallerHasNone() throws Exception {
    MDC.clear();
    AtomicReference<String> seen = new AtomicReference<>("unset");
    Response unused = Deadlines.call(Context.background(), REQUEST, (c, req) -> {
      seen.set(MDC.get("requestId"));
      return Response.text("x");
    });
    assertNull(seen.get());
  }

  @Test
  void interruptingTheCallerStopsTheHandlerToo() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch handlerInterrupted = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        Response unused = Deadlines.call(Context.background(), REQUEST, (c, req) -> {
          started.countDown();
          try {
            Thread.sleep(30_000);
          } catch (InterruptedException e) {
            handlerInterrupted.countDown();
          }
          return Response.text("x");
        });
      } catch (Exception e) {
        thrown.set(e);
      }
    });
    assertTrue(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    caller.interrupt();
    assertTrue(caller.join(BOUND));
    assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    assertTrue(handlerInterrupted.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Test
  void aThrowAfterTheContextEndedIsLoggedAtDebugNotAsAPanic() throws Exception {
    CountDownLatch thrown = new CountDownLatch(1);
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), Instant.now().plusMillis(30));
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      assertThrows(ContextEndedException.class, () -> Deadlines.call(ctx, REQUEST, (c, req) -> {
        try {
          Thread.sleep(30_000);
          return Response.text("x");
        } finally {
          thrown.countDown();
        }
      }));
      assertTrue(thrown.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
      log.await(BOUND, ev -> ev.getFormattedMessage().contains("ended after its context"));
      assertEquals(0, log.at(Level.ERROR).size());
    }
  }
}
