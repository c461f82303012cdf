package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.strand.Context;
import dev.strand.ContextError;
import dev.strand.Handler;
import dev.strand.LogCapture;
import dev.strand.Problem;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.ServerConfig;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import dev.strand.Warmup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The request pipeline, driven in memory through TestClient: the promises every backend inherits. */
class PipelineTest {

  @BeforeAll
  static void warmUp() {
    Warmup.pipeline();
  }

  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final Handler HELLO = (ctx, req) -> Response.text("Hello from Strand");

  private static TestClient client(Handler h) {
    return TestClient.of(h, ServerConfig.defaults().withAccessLog(false));
  }

  private static TestClient client(Handler h, ServerConfig config) {
    return TestClient.of(h, config.withAccessLog(false));
  }

  private static Problem problem(TestResponse r) {
    assertEquals("application/problem+json", r.contentType(), r.text());
    Problem p = r.json(Map.class).map(m -> Problem.of(((Number) m.get("status")).intValue(), (String) m.get("detail"))).orElseThrow();
    assertEquals(r.status(), p.status(), "the problem's status matches the response's");
    return p;
  }

  /** A handler that blocks until released and ignores every interrupt, as careless code does. */
  private static Handler stubborn(CountDownLatch release, String answer) {
    return (ctx, req) -> {
      while (true) {
        try {
          if (release.await(30, TimeUnit.SECONDS)) {
            return Response.text(answer);
          }
        } catch (InterruptedException ignored) {
          // keep going
        }
      }
    };
  }

  // ---- request ids ----

  @Test
  void aValidClientRequestIdIsEchoedAndSeenByTheHandler() {
    TestResponse r = client((ctx, req) -> Response.text(req.id()))
        .send(Request.builder("GET", "/").header("X-Request-Id", "client-42").build());
    assertEquals("client-42", r.header("X-Request-Id"));
    assertEquals("client-42", r.text());
  }

  @Test
  void anInvalidClientRequestIdIsReplacedWithAGeneratedOne() {
    TestResponse r = client(HELLO).send(Request.builder("GET", "/").header("X-Request-Id", "bad id!").build());
    assertTrue(r.header("X-Request-Id").matches("[0-9a-f]{16}"), r.header("X-Request-Id"));
  }

  @Test
  void everyResponseGetsAnIdEvenWithoutOneFromTheClient() {
    TestClient c = client(HELLO);
    String a = c.get("/").header("X-Request-Id");
    String b = c.get("/").header("X-Request-Id");
    assertTrue(a.matches("[0-9a-f]{16}"), a);
    assertFalse(a.equals(b));
  }

  @Test
  void responsesRefusedBeforeTheHandlerCarryTheRequestIdToo() {
    TestResponse r = client(HELLO).send(Request.builder("GET", "/a%zz").header("X-Request-Id", "early-1").build());
    assertEquals(400, r.status());
    assertEquals("early-1", r.header("X-Request-Id"));
  }

  @Test
  void theRequestIdIsInTheMdcWhileTheHandlerRuns() {
    TestResponse r = client((ctx, req) -> Response.text(String.valueOf(MDC.get("requestId"))))
        .send(Request.builder("GET", "/").header("X-Request-Id", "mdc-9").build());
    assertEquals("mdc-9", r.text());
  }

  // ---- deadlines ----

  @Test
  void aHandlerThatIgnoresItsDeadlineStillGets504AtTheDeadline() {
    CountDownLatch release = new CountDownLatch(1);
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      TestClient c = client(stubborn(release, "late"), ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(150)));
      long start = System.nanoTime();
      TestResponse r = c.get("/slow");
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      release.countDown();
      assertEquals(504, r.status());
      assertEquals(504, problem(r).status());
      assertTrue(ms >= 140, "answered early, after " + ms + " ms");
      assertTrue(ms < 150 + 2_000, "answered after " + ms + " ms");
      assertEquals(List.of(), log.at(Level.ERROR));
    }
  }

  @Test
  void theLateResponseIsDroppedAndLoggedAtDebug() {
    CountDownLatch release = new CountDownLatch(1);
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      TestResponse r = client(stubborn(release, "late answer"), ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(50)))
          .get("/slow");
      release.countDown();
      assertEquals(504, r.status());
      assertFalse(r.text().contains("late answer"));
      log.await(BOUND, e -> e.getLevel() == Level.DEBUG && e.getFormattedMessage().contains("dropped the response"));
    }
  }

  @Test
  void theHandlerContextCarriesTheRequestDeadline() {
    AtomicReference<Instant> deadline = new AtomicReference<>();
    Instant before = Instant.now();
    TestResponse unused = client((ctx, req) -> {
      deadline.set(ctx.deadline().orElseThrow());
      return Response.text("x");
    }, ServerConfig.defaults().withRequestTimeout(Duration.ofSeconds(7))).get("/");
    assertFalse(deadline.get().isBefore(before.plusSeconds(7)));
    assertTrue(deadline.get().isBefore(Instant.now().plusSeconds(7)));
  }

  @Test
  void theHandlerContextEndsOnceTheResponseIsDone() {
    AtomicReference<Context> seen = new AtomicReference<>();
    TestResponse unused = client((ctx, req) -> {
      seen.set(ctx);
      return Response.text("x");
    }).get("/");
    assertEquals(ContextError.CANCELED, seen.get().err().orElseThrow());
  }

  @Test
  void aContextEndedExceptionAfterTheDeadlineIsNotLoggedAsAPanic() {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      TestResponse r = client((ctx, req) -> {
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException e) {
          throw ctx.err().orElseThrow().toException();
        }
        return Response.text("x");
      }, ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(50))).get("/");
      assertEquals(504, r.status());
      assertEquals(List.of(), log.at(Level.ERROR));
    }
  }

  @Test
  void aContextEndedExceptionThrownWhileLiveIsAnsweredWithItsStatus() {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      TestResponse r = client((ctx, req) -> {
        throw ContextError.DEADLINE_EXCEEDED.toException();
      }).get("/");
      assertEquals(504, r.status());
      assertEquals(List.of(), log.at(Level.ERROR));
    }
  }

  // ---- panics ----

  @Test
  void aPanicIs500LoggedOnceAtErrorWithTheRequestId() {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.DEBUG)) {
      TestResponse r = client((ctx, req) -> {
        throw new IllegalStateException("secret: password=hunter2");
      }).send(Request.builder("GET", "/panic").header("X-Request-Id", "panic-1").build());
      assertEquals(500, r.status());
      Problem p = problem(r);
      assertTrue(p.detail().contains("panic-1"), p.detail());
      assertFalse(r.text().contains("hunter2"), r.text());
      assertFalse(r.text().contains("IllegalStateException"), r.text());
      assertFalse(r.text().contains("dev.strand"), r.text());
      List<ILoggingEvent> errors = log.at(Level.ERROR);
      assertEquals(1, errors.size());
      ILoggingEvent e = errors.get(0);
      assertTrue(e.getFormattedMessage().contains("panic-1"), e.getFormattedMessage());
      assertEquals("panic-1", e.getMDCPropertyMap().get("requestId"));
      assertEquals("java.lang.IllegalStateException", e.getThrowableProxy().getClassName());
      assertTrue(e.getThrowableProxy().getStackTraceElementProxyArray().length > 0, "the stack trace is logged");
    }
  }

  @Test
  void theServerKeepsServingAfterAPanic() {
    try (LogCapture unused = LogCapture.of("dev.strand.server", Level.ERROR)) {
      TestClient c = client((ctx, req) -> {
        if (req.path().equals("/panic")) {
          throw new IllegalStateException("boom");
        }
        return Response.text("fine");
      });
      assertEquals(500, c.get("/panic").status());
      assertEquals("fine", c.get("/").text());
    }
  }

  @Test
  void aHandlerReturningNullIs500() {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.ERROR)) {
      TestResponse r = client((ctx, req) -> null).get("/");
      assertEquals(500, r.status());
      assertEquals(1, log.at(Level.ERROR).size());
    }
  }

  // ---- limits ----

  @Test
  void oversizedHeadersAre431BeforeTheHandler() {
    AtomicBoolean called = new AtomicBoolean();
    TestResponse r = client((ctx, req) -> {
      called.set(true);
      return Response.text("x");
    }, ServerConfig.defaults().withMaxHeaderBytes(1024))
        .send(Request.builder("GET", "/").header("X-Big", "b".repeat(2_000)).build());
    assertEquals(431, r.status());
    assertEquals(431, problem(r).status());
    assertEquals("close", r.header("Connection"));
    assertFalse(called.get());
  }

  @Test
  void headersJustUnderTheLimitAreServed() {
    TestResponse r = client(HELLO, ServerConfig.defaults().withMaxHeaderBytes(1024))
        .send(Request.builder("GET", "/").header("X-Big", "b".repeat(900)).build());
    assertEquals(200, r.status());
  }

  @Test
  void aDeclaredTooLargeBodyIs413BeforeTheHandler() {
    AtomicBoolean called = new AtomicBoolean();
    TestResponse r = client((ctx, req) -> {
      called.set(true);
      return Response.text("x");
    }, ServerConfig.defaults().withMaxBodyBytes(10)).send("POST", "/users", "application/json", "{\"name\":\"Bobby\"}");
    assertEquals(413, r.status());
    assertEquals(413, problem(r).status());
    assertEquals("close", r.header("Connection"));
    assertFalse(called.get());
  }

  @Test
  void aStreamedBodyReadPastTheLimitIs413() {
    Request chunked = Request.builder("POST", "/upload").body(new ByteArrayInputStream(new byte[100]), -1).build();
    TestResponse r = client((ctx, req) -> {
      try (InputStream in = req.bodyStream()) {
        return Response.text("read " + in.readAllBytes().length); // throws BodyTooLargeException
      }
    }, ServerConfig.defaults().withMaxBodyBytes(10)).send(chunked);
    assertEquals(413, r.status());
  }

  @Test
  void theHandlerSeesTheServerBodyLimit() {
    TestResponse r = client((ctx, req) -> Response.text(Long.toString(req.bodyLimit())), ServerConfig.defaults().withMaxBodyBytes(1234)).get("/");
    assertEquals("1234", r.text());
  }

  @Test
  void aMalformedPercentEscapeInThePathIs400() {
    for (String target : new String[] {"/a%zz", "/a%", "/a%4", "/%C3%28"}) {
      TestResponse r = client(HELLO).get(target);
      assertEquals(400, r.status(), target);
      assertEquals(400, problem(r).status());
    }
  }

  @Test
  void aTargetThatIsNotAnAbsolutePathIs400() {
    assertEquals(400, client(HELLO).get("relative/path").status());
  }

  @Test
  void optionsStarReachesTheHandler() {
    assertEquals(200, client(HELLO).send(Request.builder("OPTIONS", "*").build()).status());
  }

  @Test
  void requestsOverTheConcurrencyLimitGet503WithRetryAfter() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TestClient c = client((ctx, req) -> {
      if (req.path().equals("/hold")) {
        entered.countDown();
        release.await();
      }
      return Response.text("done " + req.path());
    }, ServerConfig.defaults().withMaxConcurrentRequests(1));
    CompletableFuture<TestResponse> first = CompletableFuture.supplyAsync(() -> c.get("/hold"), r -> Thread.ofVirtual().start(r));
    assertTrue(entered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    TestResponse second = c.get("/second");
    release.countDown();
    assertEquals(503, second.status());
    assertEquals(503, problem(second).status());
    assertEquals("1", second.header("Retry-After"));
    assertEquals("done /hold", first.get(BOUND.toMillis(), TimeUnit.MILLISECONDS).text());
    assertEquals("done /third", c.get("/third").text(), "the permit is given back");
  }

  // ---- writing ----

  @Test
  void headHasNoBodyButKeepsContentLength() {
    TestResponse r = client(HELLO).send(Request.builder("HEAD", "/").build());
    assertEquals(200, r.status());
    assertEquals(0, r.body().length);
    assertEquals("Hello from Strand".length(), r.declaredLength());
  }

  @Test
  void noContentHasNoBodyEvenIfTheHandlerGaveOne() {
    TestResponse r = client((ctx, req) -> Response.text(204, "ignored")).get("/");
    assertEquals(204, r.status());
    assertEquals(0, r.body().length);
    assertEquals(0, r.declaredLength());
  }

  @Test
  void notModifiedHasNoBody() {
    TestResponse r = client((ctx, req) -> Response.text(304, "ignored")).get("/");
    assertEquals(304, r.status());
    assertEquals(0, r.body().length);
  }

  @Test
  void aFixedBodyIsSentWithItsLength() {
    TestResponse r = client((ctx, req) -> Response.bytes(200, "application/octet-stream", new byte[] {1, 2, 3})).get("/");
    assertArrayEquals(new byte[] {1, 2, 3}, r.body());
    assertEquals(3, r.declaredLength());
    assertFalse(r.aborted());
  }

  @Test
  void aStreamingBodyIsSentInTheChunksTheWriterFlushes() {
    TestResponse r = client((ctx, req) -> Response.stream(200, "text/plain", (c, out) -> {
      out.write("one ".getBytes(StandardCharsets.UTF_8));
      out.flush();
      out.write("two ".getBytes(StandardCharsets.UTF_8));
      out.flush();
      out.write("three".getBytes(StandardCharsets.UTF_8));
    })).get("/");
    assertEquals(200, r.status());
    assertEquals(-1, r.declaredLength(), "streamed bodies have no declared length");
    assertEquals(List.of("one ", "two ", "three"), r.flushes());
    assertEquals("one two three", r.text());
    assertFalse(r.aborted());
  }

  @Test
  void aStreamingBodyToHeadIsNotWritten() {
    AtomicBoolean wrote = new AtomicBoolean();
    TestResponse r = client((ctx, req) -> Response.stream(200, "text/plain", (c, out) -> wrote.set(true)))
        .send(Request.builder("HEAD", "/").build());
    assertEquals(200, r.status());
    assertEquals(0, r.body().length);
    assertFalse(wrote.get());
  }

  @Test
  void aStreamCutByTheDeadlineIsAborted() {
    TestResponse r = client((ctx, req) -> Response.stream(200, "text/plain", (c, out) -> {
      try {
        while (true) {
          out.write('x');
          out.flush();
          Thread.sleep(5);
        }
      } catch (InterruptedException e) {
        throw new InterruptedIOException("cut");
      }
    }), ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(500))).get("/");
    assertEquals(200, r.status(), "the status line was already sent");
    assertTrue(r.aborted(), "the connection is aborted, as Go does");
  }

  @Test
  void aStreamingWriterThatThrowsAbortsTheConnection() {
    try (LogCapture log = LogCapture.of("dev.strand.server", Level.ERROR)) {
      TestResponse r = client((ctx, req) -> Response.stream(200, "text/plain", (c, out) -> {
        out.write('a');
        throw new IllegalStateException("writer bug");
      })).get("/");
      assertTrue(r.aborted());
      assertEquals(1, log.at(Level.ERROR).size());
    }
  }

  // ---- threads ----

  @Test
  void theHandlerRunsOnAVirtualThread() {
    TestResponse r = client((ctx, req) -> Response.text(Boolean.toString(Thread.currentThread().isVirtual()))).get("/");
    assertEquals("true", r.text());
  }

  @Test
  void eachRequestGetsAFreshUninterruptedThread() {
    TestClient c = client((ctx, req) -> {
      boolean was = Thread.currentThread().isInterrupted();
      Thread.currentThread().interrupt(); // a handler that leaves its flag set
      return Response.text(Boolean.toString(was));
    });
    assertEquals("false", c.get("/").text());
    assertEquals("false", c.get("/").text());
  }

  // ---- access log ----

  @Test
  void oneAccessLogLinePerRequestOnDevStrandAccess() {
    try (LogCapture log = LogCapture.of("dev.strand.access", Level.INFO)) {
      TestClient c = TestClient.of(HELLO, ServerConfig.defaults());
      TestResponse unused = c.send(Request.builder("GET", "/hello?x=1").header("X-Request-Id", "acc-1").build());
      List<ILoggingEvent> lines = log.events();
      assertEquals(1, lines.size());
      String line = lines.get(0).getFormattedMessage();
      assertTrue(line.startsWith("127.0.0.1 \"GET /hello?x=1 HTTP/1.1\" 200 17 "), line);
      assertTrue(line.endsWith("id=acc-1"), line);
    }
  }

  @Test
  void theAccessLogCanBeTurnedOff() {
    try (LogCapture log = LogCapture.of("dev.strand.access", Level.INFO)) {
      TestResponse unused = TestClient.of(HELLO, ServerConfig.defaults().withAccessLog(false)).get("/");
      assertEquals(List.of(), log.events());
    }
  }

  @Test
  void theAccessLogRecordsEarlyRefusals() {
    try (LogCapture log = LogCapture.of("dev.strand.access", Level.INFO)) {
      TestResponse unused = TestClient.of(HELLO, ServerConfig.defaults().withMaxBodyBytes(1)).send("POST", "/", "text/plain", "too big");
      assertEquals(1, log.events().size());
      assertTrue(log.events().get(0).getFormattedMessage().contains("\" 413 "), log.events().get(0).getFormattedMessage());
    }
  }

  @Test
  void theTestResponseHelpersReadTheAnswer() {
    TestResponse r = client((ctx, req) -> Response.json(Map.of("a", 1))).get("/");
    assertEquals("application/json", r.contentType());
    assertEquals(Map.of("a", 1), r.json(Map.class).orElseThrow());
    assertNull(r.header("No-Such-Header"));
  }
}
