package dev.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.strand.internal.Contexts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Middleware: composition order and the shipped middleware, run without a server. */
class MiddlewareTest {

  @BeforeAll
  static void warmUp() {
    Warmup.pipeline();
  }

  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final Handler OK = (ctx, req) -> Response.text("ok");

  private static Request get(String target) {
    return Request.builder("GET", target).build();
  }

  private static Middleware tracing(String name, List<String> trace) {
    return next -> (ctx, req) -> {
      trace.add(name + ">");
      Response r = next.serve(ctx, req);
      trace.add("<" + name);
      return r;
    };
  }

  // ---- composition ----

  @Test
  void chainRunsTheFirstOutermost() throws Exception {
    List<String> trace = new ArrayList<>();
    Handler h = Middleware.chain(tracing("a", trace), tracing("b", trace), tracing("c", trace)).wrap((ctx, req) -> {
      trace.add("handler");
      return Response.text("x");
    });
    Response unused = h.serve(Context.background(), get("/"));
    assertEquals(List.of("a>", "b>", "c>", "handler", "<c", "<b", "<a"), trace);
  }

  @Test
  void andThenPutsTheArgumentInside() throws Exception {
    List<String> trace = new ArrayList<>();
    Handler h = tracing("outer", trace).andThen(tracing("inner", trace)).wrap(OK);
    Response unused = h.serve(Context.background(), get("/"));
    assertEquals(List.of("outer>", "inner>", "<inner", "<outer"), trace);
  }

  @Test
  void anEmptyChainIsTheIdentity() {
    assertSame(OK, Middleware.chain().wrap(OK));
  }

  @Test
  void middlewareCanAnswerWithoutCallingTheHandler() throws Exception {
    Middleware deny = next -> (ctx, req) -> Response.problem(Problem.of(403, "No."));
    AtomicBoolean called = new AtomicBoolean();
    Response r = deny.wrap((ctx, req) -> {
      called.set(true);
      return Response.text("x");
    }).serve(Context.background(), get("/"));
    assertEquals(403, r.status());
    assertFalse(called.get());
  }

  // ---- recovery ----

  @Test
  void recoveryTurnsAPanicInto500WithoutInternals() throws Exception {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      Response r = Middleware.recovery().wrap((ctx, req) -> {
        throw new IllegalStateException("secret table users_v2");
      }).serve(Context.background(), Request.builder("GET", "/boom").id("req-1").build());
      assertEquals(500, r.status());
      assertEquals("application/problem+json", r.header("Content-Type"));
      assertFalse(r.bodyText().contains("secret"), r.bodyText());
      assertFalse(r.bodyText().contains("IllegalStateException"), r.bodyText());
      assertTrue(r.bodyText().contains("req-1"), "the body tells the request id to quote: " + r.bodyText());
      List<ILoggingEvent> errors = log.at(Level.ERROR);
      assertEquals(1, errors.size());
      assertTrue(errors.get(0).getFormattedMessage().contains("req-1"));
      assertEquals("java.lang.IllegalStateException", errors.get(0).getThrowableProxy().getClassName());
    }
  }

  @Test
  void recoveryRecoversAStackOverflow() throws Exception {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.ERROR)) {
      Response r = Middleware.recovery().wrap((ctx, req) -> {
        throw new StackOverflowError();
      }).serve(Context.background(), get("/"));
      assertEquals(500, r.status());
      assertEquals(1, log.at(Level.ERROR).size());
    }
  }

  @Test
  void recoveryAnswersAContextEndedExceptionWithItsStatusNotAsAPanic() throws Exception {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      Response deadline = Middleware.recovery().wrap((ctx, req) -> {
        throw ContextError.DEADLINE_EXCEEDED.toException();
      }).serve(Context.background(), get("/"));
      Response shutdown = Middleware.recovery().wrap((ctx, req) -> {
        throw ContextError.SHUTDOWN.toException();
      }).serve(Context.background(), get("/"));
      assertEquals(504, deadline.status());
      assertEquals(503, shutdown.status());
      assertEquals("1", shutdown.header("Retry-After"));
      assertEquals(List.of(), log.at(Level.ERROR));
    }
  }

  @Test
  void recoveryAnswersAnyExceptionAfterTheContextEndedAsTheContextError() throws Exception {
    CancelableContext ctx = Context.background().withTimeout(Duration.ZERO);
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      Response r = Middleware.recovery().wrap((c, req) -> {
        throw new IOException("socket closed");
      }).serve(ctx, get("/"));
      assertEquals(504, r.status());
      assertEquals(List.of(), log.at(Level.ERROR));
    }
  }

  @Test
  void recoveryAnswersBodyTooLargeWith413() throws Exception {
    Response r = Middleware.recovery().wrap((ctx, req) -> {
      throw new UncheckedIOException(new BodyTooLargeException(10));
    }).serve(Context.background(), Request.builder("POST", "/").bodyLimit(10).build());
    assertEquals(413, r.status());
    assertEquals("close", r.header("Connection"));
  }

  @Test
  void recoveryRethrowsWhenTheClientIsGone() {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    ctx.cancel(ContextError.CLIENT_GONE);
    Handler h = Middleware.recovery().wrap((c, req) -> {
      throw new IOException("broken pipe");
    });
    assertThrows(IOException.class, () -> h.serve(ctx, get("/")));
  }

  // ---- request id ----

  @Test
  void requestIdEchoesAValidClientId() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    Response r = Middleware.requestId().wrap((ctx, req) -> {
      seen.set(req.id());
      return Response.text("x");
    }).serve(Context.background(), Request.builder("GET", "/").header("X-Request-Id", "Abc.123_x-Y").build());
    assertEquals("Abc.123_x-Y", r.header("X-Request-Id"));
    assertEquals("Abc.123_x-Y", seen.get());
  }

  @Test
  void requestIdReplacesAnInvalidClientIdWith16Hex() throws Exception {
    for (String bad : new String[] {"has space", "a".repeat(65), "semi;colon", "\u00e9", ""}) {
      Response r = Middleware.requestId().wrap(OK).serve(
          Context.background(), Request.builder("GET", "/").header("X-Request-Id", bad).build());
      String id = r.header("X-Request-Id");
      assertTrue(id.matches("[0-9a-f]{16}"), () -> "for '" + bad + "' got '" + id + "'");
    }
  }

  @Test
  void requestIdGeneratesOneWhenTheClientSentNone() throws Exception {
    Response a = Middleware.requestId().wrap(OK).serve(Context.background(), get("/"));
    Response b = Middleware.requestId().wrap(OK).serve(Context.background(), get("/"));
    assertTrue(a.header("X-Request-Id").matches("[0-9a-f]{16}"));
    assertFalse(a.header("X-Request-Id").equals(b.header("X-Request-Id")));
  }

  @Test
  void requestIdKeepsAnIdThePipelineAlreadyChose() throws Exception {
    Request r = Request.builder("GET", "/").id("0123456789abcdef").header("X-Request-Id", "other").build();
    assertEquals("0123456789abcdef", Middleware.requestId().wrap(OK).serve(Context.background(), r).header("X-Request-Id"));
  }

  @Test
  void requestIdIsInTheMdcWhileTheHandlerRunsAndRemovedAfter() throws Exception {
    AtomicReference<String> inHandler = new AtomicReference<>();
    MDC.remove("requestId");
    Response unused = Middleware.requestId().wrap((ctx, req) -> {
      inHandler.set(MDC.get("requestId"));
      return Response.text("x");
    }).serve(Context.background(), Request.builder("GET", "/").header("X-Request-Id", "mdc-1").build());
    assertEquals("mdc-1", inHandler.get());
    assertNull(MDC.get("requestId"));
  }

  @Test
  void requestIdRestoresAnOuterMdcValue() throws Exception {
    MDC.put("requestId", "outer");
    try {
      Response unused = Middleware.requestId().wrap(OK).serve(
          Context.background(), Request.builder("GET", "/").header("X-Request-Id", "inner").build());
      assertEquals("outer", MDC.get("requestId"));
    } finally {
      MDC.remove("requestId");
    }
  }

  // ---- access log ----

  @Test
  void accessLogWritesOneLineOnDevStrandAccess() throws Exception {
    try (LogCapture log = LogCapture.of("dev.strand.access", Level.INFO)) {
      Request r = Request.builder("GET", "/user/7?x=1").id("log-1").route("GET /user/{id}", java.util.Map.of("id", "7")).build();
      Response unused = Middleware.accessLog().wrap((ctx, req) -> Response.text(201, "made")).serve(Context.background(), r);
      List<ILoggingEvent> lines = log.events();
      assertEquals(1, lines.size());
      String line = lines.get(0).getFormattedMessage();
      assertEquals(Level.INFO, lines.get(0).getLevel());
      assertTrue(line.startsWith("\"GET /user/7?x=1 HTTP/1.1\" 201 "), line);
      assertTrue(line.contains("id=log-1"), line);
      assertTrue(line.contains("pattern=\"GET /user/{id}\""), line);
    }
  }

  @Test
  void accessLogRecords500WhenTheHandlerThrows() {
    try (LogCapture log = LogCapture.of("dev.strand.access", Level.INFO)) {
      Handler h = Middleware.accessLog().wrap((ctx, req) -> {
        throw new IllegalStateException("x");
      });
      assertThrows(IllegalStateException.class, () -> h.serve(Context.background(), get("/")));
      assertEquals(1, log.events().size());
      assertTrue(log.events().get(0).getFormattedMessage().contains("\" 500 "), log.events().get(0).getFormattedMessage());
    }
  }

  // ---- timeout ----

  @Test
  void timeoutAnswers504AtTheDeadlineEvenWhenTheHandlerIgnoresInterrupts() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Handler stubborn = (ctx, req) -> {
      while (true) {
        try {
          if (release.await(10, TimeUnit.SECONDS)) {
            return Response.text("late");
          }
        } catch (InterruptedException e) {
          interrupted.countDown(); // noted, and ignored
        }
      }
    };
    Handler h = Middleware.chain(Middleware.recovery(), Middleware.timeout(Duration.ofMillis(100))).wrap(stubborn);
    long start = System.nanoTime();
    Response r = h.serve(Context.background(), get("/slow"));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();
    assertEquals(504, r.status());
    assertTrue(ms >= 95 && ms < 100 + 2_000, "answered after " + ms + " ms");
    assertTrue(interrupted.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "the handler's thread was interrupted");
  }

  @Test
  void timeoutAloneThrowsTheContextErrorForTheServerToAnswer() {
    Handler h = Middleware.timeout(Duration.ofMillis(20)).wrap((ctx, req) -> {
      Thread.sleep(10_000);
      return Response.text("late");
    });
    ContextEndedException e = assertThrows(ContextEndedException.class, () -> h.serve(Context.background(), get("/")));
    assertEquals(ContextError.DEADLINE_EXCEEDED, e.error());
  }

  @Test
  void timeoutGivesTheHandlerAContextWithTheShorterDeadline() throws Exception {
    AtomicReference<Context> seen = new AtomicReference<>();
    try (CancelableContext outer = Context.background().withTimeout(Duration.ofHours(1))) {
      Response unused = Middleware.timeout(Duration.ofSeconds(2)).wrap((ctx, req) -> {
        seen.set(ctx);
        return Response.text("x");
      }).serve(outer, get("/"));
      assertTrue(seen.get().deadline().orElseThrow().isBefore(outer.deadline().orElseThrow()));
      assertTrue(seen.get().isDone(), "the child context ends when the handler returns");
      assertFalse(outer.isDone());
    }
  }

  @Test
  void timeoutNeverExtendsTheRequestsDeadline() throws Exception {
    try (CancelableContext outer = Context.background().withTimeout(Duration.ofMillis(60))) {
      Handler h = Middleware.chain(Middleware.recovery(), Middleware.timeout(Duration.ofSeconds(30))).wrap((ctx, req) -> {
        Thread.sleep(30_000);
        return Response.text("late");
      });
      long start = System.nanoTime();
      Response r = h.serve(outer, get("/"));
      assertEquals(504, r.status());
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
    }
  }

  @Test
  void timeoutLetsAFastHandlerThrough() throws Exception {
    assertEquals("ok", Middleware.timeout(Duration.ofSeconds(5)).wrap(OK).serve(Context.background(), get("/")).bodyText());
  }

  @Test
  void timeoutMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> Middleware.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Middleware.timeout(Duration.ofMillis(-1)));
  }

  // ---- body limit ----

  @Test
  void bodyLimitRefusesADeclaredLargerBodyWith413BeforeTheHandler() throws Exception {
    AtomicBoolean called = new AtomicBoolean();
    Response r = Middleware.bodyLimit(4).wrap((ctx, req) -> {
      called.set(true);
      return Response.text("x");
    }).serve(Context.background(), Request.builder("POST", "/").body("12345").build());
    assertEquals(413, r.status());
    assertEquals("close", r.header("Connection"));
    assertFalse(called.get());
  }

  @Test
  void bodyLimitGives413WhenReadingPastIt() throws Exception {
    Request chunked = Request.builder("POST", "/").body(new ByteArrayInputStream(new byte[100]), -1).build();
    Response r = Middleware.bodyLimit(10).wrap((ctx, req) -> switch (req.bytes()) {
      case Result.Ok<byte[], Problem> ok -> Response.text("read " + ok.value().length);
      case Result.Err<byte[], Problem> err -> err.error().toResponse();
    }).serve(Context.background(), chunked);
    assertEquals(413, r.status());
  }

  @Test
  void bodyLimitLetsABodyWithinItThrough() throws Exception {
    Response r = Middleware.bodyLimit(10).wrap((ctx, req) -> Response.text(req.text().orElse("?")))
        .serve(Context.background(), Request.builder("POST", "/").body("small").build());
    assertEquals("small", r.bodyText());
  }

  @Test
  void bodyLimitCannotRaiseTheServerLimit() throws Exception {
    AtomicLong seen = new AtomicLong();
    Request r = Request.builder("POST", "/").bodyLimit(10).body(new ByteArrayInputStream(new byte[50]), -1).build();
    Response out = Middleware.bodyLimit(1_000).wrap((ctx, req) -> {
      seen.set(req.bodyLimit());
      return req.bytes().fold(b -> Response.text("read"), Problem::toResponse);
    }).serve(Context.background(), r);
    assertEquals(10, seen.get());
    assertEquals(413, out.status());
  }

  @Test
  void bodyLimitMustNotBeNegative() {
    assertThrows(IllegalArgumentException.class, () -> Middleware.bodyLimit(-1));
  }
}
