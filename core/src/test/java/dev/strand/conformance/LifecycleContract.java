package dev.strand.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strand.ContextError;
import dev.strand.Handler;
import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ShutdownReport;
import dev.strand.spi.Capabilities;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * LifecycleContract holds what a request's context must do on a backend: keep its deadline, end
 * when the client leaves as soon as the backend declares it can tell, end when the response is done,
 * and what graceful shutdown must do with requests in flight and new ones. Extend it with one line
 * naming the backend.
 */
public abstract class LifecycleContract extends ContractSupport {

  /** Creates the contract. */
  protected LifecycleContract() {}

  private static final Duration DEADLINE = Duration.ofMillis(500);
  /** A generous margin for a loaded machine; the design promises tens of milliseconds. */
  private static final Duration MARGIN = Duration.ofMillis(1500);

  // ---- deadlines ----

  @Test
  void contextCarriesTheRequestTimeoutAsItsDeadline() throws Exception {
    Server s = start((ctx, r) -> Response.text(ctx.deadline().map(Instant::toString).orElse("none")), c -> c.withRequestTimeout(Duration.ofSeconds(7)));
    Instant before = Instant.now();
    Instant deadline = Instant.parse(get(s, "/").body());
    assertTrue(deadline.isAfter(before.plusSeconds(6)) && deadline.isBefore(before.plusSeconds(9)), "deadline " + deadline + " for a request at " + before);
  }

  @Test
  void deadlineGets504AtTheDeadlineEvenWhenTheHandlerIgnoresIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Server s =
        start(
            (ctx, r) -> {
              // Ignores its context and its interrupts until the test ends.
              while (!release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                Thread.onSpinWait();
              }
              return Response.text("too late");
            },
            c -> c.withRequestTimeout(DEADLINE));
    try {
      long start = System.nanoTime();
      HttpResponse<String> res = get(s, "/");
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertProblem(504, res);
      assertTrue(ms >= DEADLINE.toMillis() - 50, "504 after " + ms + " ms, before the deadline");
      assertTrue(ms < DEADLINE.plus(MARGIN).toMillis(), "504 after " + ms + " ms, long after the " + DEADLINE.toMillis() + " ms deadline");
    } finally {
      release.countDown();
    }
  }

  @Test
  void deadlineInterruptsTheHandlerThread() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    Server s =
        start(
            (ctx, r) -> {
              try {
                Thread.sleep(PATIENCE.toMillis());
                seen.complete("slept through");
              } catch (InterruptedException e) {
                seen.complete("interrupted " + ctx.err().map(ContextError::cause).orElse(null));
                throw e;
              }
              return Response.text("too late");
            },
            c -> c.withRequestTimeout(DEADLINE));
    assertProblem(504, get(s, "/"));
    assertEquals("interrupted DEADLINE_EXCEEDED", seen.get(MARGIN.toMillis() + DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Test
  void exceptionAfterTheDeadlineIsAnsweredAs504NotAsAPanic() throws Exception {
    try (LogCapture logs = captureLogs("dev.strand")) {
      CountDownLatch thrown = new CountDownLatch(1);
      Server s =
          start(
              (ctx, r) -> {
                try {
                  var unused = ctx.await();
                  throw new IOException("socket closed because the context ended");
                } finally {
                  thrown.countDown();
                }
              },
              c -> c.withRequestTimeout(DEADLINE));
      assertProblem(504, get(s, "/"));
      assertTrue(thrown.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      assertEquals(0, logs.errors().size(), "an exception after the deadline is not a panic:\n" + logs.describe());
    }
  }

  @Test
  void deadlineWhileStreamingCutsTheConnection() throws Exception {
    Server s =
        start(
            (ctx, r) ->
                flushedThen(
                    "partial;",
                    (c, out) -> {
                      try {
                        Thread.sleep(PATIENCE.toMillis());
                      } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException("deadline");
                      }
                      out.write("too late;".getBytes(UTF_8));
                    }),
            c -> c.withRequestTimeout(DEADLINE));
    Raw raw = raw(s);
    raw.send(head("GET", "/"));
    long start = System.nanoTime();
    org.junit.jupiter.api.Assertions.assertThrows(IOException.class, raw::read, "a body cut at the deadline must not look complete");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(ms < DEADLINE.plus(MARGIN).toMillis(), "cut after " + ms + " ms");
  }

  @Test
  void contextEndsOnceTheResponseIsDone() throws Exception {
    CompletableFuture<ContextError.Cause> cause = new CompletableFuture<>();
    Server s =
        start(
            (ctx, r) -> {
              var unused = ctx.onDone(() -> cause.complete(ctx.err().orElseThrow().cause()));
              return Response.text("done");
            });
    assertEquals("done", get(s, "/").body());
    assertEquals(ContextError.Cause.CANCELED, cause.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
  }

  // ---- the client goes away ----

  @Test
  void clientGoneWhileTheHandlerBlocksCancelsItsContext() throws Exception {
    Capabilities.ClientGone declared = capabilities().clientGone();
    assumeTrue(
        declared == Capabilities.ClientGone.IMMEDIATE,
        "the backend declares clientGone " + declared + ": it cannot tell while the handler neither reads nor writes");
    CountDownLatch inside = new CountDownLatch(1);
    CompletableFuture<ContextError.Cause> cause = new CompletableFuture<>();
    Server s = start(awaitEnd(inside, cause, "nobody is listening"));
    Raw raw = raw(s);
    raw.send(head("GET", "/"));
    assertTrue(inside.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    raw.close();
    assertEquals(ContextError.Cause.CLIENT_GONE, cause.get(10, TimeUnit.SECONDS), "declared IMMEDIATE");
  }

  @Test
  void clientGoneIsNoticedByTheNextWrite() throws Exception {
    Capabilities.ClientGone declared = capabilities().clientGone();
    assumeTrue(declared != Capabilities.ClientGone.NEVER, "the backend declares clientGone NEVER");
    CompletableFuture<ContextError.Cause> cause = new CompletableFuture<>();
    Server s = start(writeUntilDone(cause, (filler(1023) + "\n").getBytes(UTF_8)));
    assertEquals(ContextError.Cause.CLIENT_GONE, leaveMidStream(s, cause), "declared " + declared + ": the next writes must fail");
  }

  @Test
  void clientGoneIsNotLoggedAsAnError() throws Exception {
    assumeTrue(capabilities().clientGone() != Capabilities.ClientGone.NEVER, "the backend declares clientGone NEVER");
    try (LogCapture logs = captureLogs("dev.strand")) {
      CompletableFuture<ContextError.Cause> cause = new CompletableFuture<>();
      Server s = start(writeUntilDone(cause, filler(1024).getBytes(UTF_8)));
      assertEquals(ContextError.Cause.CLIENT_GONE, leaveMidStream(s, cause));
      assertEquals(0, logs.errors().size(), "a client that left is not an error:\n" + logs.describe());
    }
  }

  // ---- graceful shutdown ----

  @Test
  void inFlightRequestFinishesWithinTheGraceAndIsCountedDrained() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Server s =
        start(
            (ctx, r) -> {
              hold(inside, release);
              return Response.text("finished");
            });
    CompletableFuture<HttpResponse<String>> inFlight = getAsync(s, "/");
    assertTrue(inside.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    CompletableFuture<ShutdownReport> report = CompletableFuture.supplyAsync(() -> s.shutdown(Duration.ofSeconds(10)));
    eventually("shutdown to begin", s::isShuttingDown);
    release.countDown();
    HttpResponse<String> res = inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertEquals(200, res.statusCode());
    assertEquals("finished", res.body());
    ShutdownReport r = report.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1, r.drained(), r.toString());
    assertEquals(0, r.cut(), r.toString());
    assertTrue(r.took().compareTo(Duration.ofSeconds(10)) < 0, r.toString());
  }

  @Test
  void requestPastTheGraceIsCutWithCauseShutdown() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CompletableFuture<ContextError.Cause> cause = new CompletableFuture<>();
    Server s = start(awaitEnd(inside, cause, "too late"));
    CompletableFuture<HttpResponse<String>> inFlight = getAsync(s, "/");
    assertTrue(inside.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    Duration grace = Duration.ofMillis(300);
    ShutdownReport r = s.shutdown(grace);
    assertEquals(ContextError.Cause.SHUTDOWN, cause.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    assertEquals(1, r.cut(), r.toString());
    assertEquals(0, r.drained(), r.toString());
    assertTrue(r.took().compareTo(grace) >= 0, "shutdown returned before its grace: " + r);
    assertTrue(r.took().compareTo(grace.plus(Duration.ofSeconds(5))) < 0, "shutdown took far longer than its grace: " + r);
    try {
      HttpResponse<String> res = inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertProblem(503, res);
    } catch (java.util.concurrent.ExecutionException e) {
      assertTrue(e.getCause() instanceof IOException, "a cut request gets 503 or a closed connection: " + e.getCause());
    }
  }

  @Test
  void newRequestsDuringTheDrainGet503OrAreRefused() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Server s = start(holdingOnHold(inside, release, (ctx, r) -> Response.text("served " + r.path())));
    Raw keepAlive = raw(s);
    assertEquals("served /before", keepAlive.send(head("GET", "/before")).read().text());
    CompletableFuture<HttpResponse<String>> held = getAsync(s, "/hold");
    assertTrue(inside.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    CompletableFuture<ShutdownReport> report = CompletableFuture.supplyAsync(() -> s.shutdown(Duration.ofSeconds(10)));
    try {
      eventually("shutdown to begin", s::isShuttingDown);
      // On a connection opened before: 503 with Retry-After, or closed without an answer.
      RawResponse onOpen = keepAlive.send(head("GET", "/during")).readOrClosed();
      if (onOpen != null) {
        assertProblem(503, onOpen);
        assertTrue(onOpen.header("Retry-After") != null, onOpen.head());
      }
      // On a new connection: refused, 503, or closed without an answer.
      try (Raw fresh = new Raw(s.port())) {
        RawResponse onNew = fresh.send(head("GET", "/during")).readOrClosed();
        if (onNew != null) {
          assertProblem(503, onNew);
        }
      } catch (java.net.SocketException refusedOrReset) {
        // the listening socket is closed (refused), or closed while this connect raced it (reset): fine
      }
    } finally {
      release.countDown();
    }
    assertEquals("served /hold", held.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body());
    ShutdownReport r = report.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1, r.drained(), "only the held request counts as drained: " + r);
    assertEquals(0, r.cut(), r.toString());
  }

  @Test
  void shutdownOfAnIdleServerIsQuickEvenWithConnectionsOpen() throws Exception {
    Server s = start((ctx, r) -> Response.text("ok"));
    Raw idle = raw(s);
    assertEquals("ok", idle.send(head("GET", "/")).read().text());
    ShutdownReport r = s.shutdown(Duration.ofSeconds(10));
    assertTrue(r.took().compareTo(Duration.ofSeconds(3)) < 0, "an idle keep-alive connection must not hold up shutdown: " + r);
    // The request may still be finishing its bookkeeping when shutdown begins; then it counts drained.
    assertTrue(r.drained() <= 1, r.toString());
    assertEquals(0, r.cut());
    assertTrue(idle.closedByPeer(Duration.ofSeconds(5)), "open connections are closed by shutdown");
  }

  @Test
  void shutdownProblemSaysRetryElsewhere() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    Server s =
        start(
            (ctx, r) -> {
              inside.countDown();
              var unused = ctx.await();
              return Response.text("too late");
            });
    Raw raw = raw(s);
    raw.send(head("GET", "/"));
    assertTrue(inside.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    ShutdownReport r = s.shutdown(Duration.ofMillis(100));
    assertEquals(1, r.cut());
    RawResponse res = raw.readOrClosed();
    if (res != null) {
      JsonNode p = assertProblem(503, res);
      assertTrue(res.header("Retry-After") != null, res.head());
      assertTrue(p.path("detail").asString().toLowerCase(java.util.Locale.ROOT).contains("shutting down"), res.toString());
    }
  }

  /**
   * Returns a handler that counts {@code inside} down, waits for its context to end, records the
   * cause, and answers {@code text}.
   */
  private static Handler awaitEnd(CountDownLatch inside, CompletableFuture<ContextError.Cause> cause, String text) {
    return (ctx, r) -> {
      inside.countDown();
      cause.complete(ctx.await().cause());
      return Response.text(text);
    };
  }

  /**
   * Returns a handler that records the cause its context ends with and streams {@code chunk} every
   * 20 ms, flushed, until its context is done (at most 1000 times).
   */
  private static Handler writeUntilDone(CompletableFuture<ContextError.Cause> cause, byte[] chunk) {
    return (ctx, r) -> {
      var unused = ctx.onDone(() -> cause.complete(ctx.err().orElseThrow().cause()));
      return Response.stream(
          200,
          "text/plain",
          (c, out) -> {
            for (int i = 0; i < 1000 && !c.isDone(); i++) {
              out.write(chunk);
              out.flush();
              var unusedSleep = c.sleep(Duration.ofMillis(20));
            }
          });
    };
  }

  /**
   * Asks for {@code /}, closes the connection once the 200 status line arrives, and returns the
   * cause the request's context ended with, waiting at most 10 s.
   */
  private ContextError.Cause leaveMidStream(Server s, CompletableFuture<ContextError.Cause> cause) throws Exception {
    Raw raw = raw(s);
    raw.send(head("GET", "/"));
    assertTrue(raw.line().contains(" 200"));
    raw.close();
    return cause.get(10, TimeUnit.SECONDS);
  }
}
