package dev.strand.conformance;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.strand.Problem;
import dev.strand.Response;
import dev.strand.Server;
import dev.strand.model.User;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ProblemContract holds every error a backend must answer as Strand does: panics, malformed
 * targets and framing, bodies too large, wrong media types, invalid values, refused response
 * headers and overload, as RFC 9457 problems that reveal no internals. Extend it with one line
 * naming the backend.
 */
public abstract class ProblemContract extends ContractSupport {

  /** Creates the contract. */
  protected ProblemContract() {}

  // ---- panics ----

  @Test
  void handlerThatThrowsGets500WithNoInternalsInTheBody() throws Exception {
    Server s = start(throwing("secret-internal-detail at db.example:5432"));
    HttpResponse<String> res = get(s, "/");
    JsonNode p = assertProblem(500, res);
    assertFalse(res.body().contains("secret-internal-detail"), res.body());
    assertFalse(res.body().contains("IllegalStateException"), res.body());
    String id = res.headers().firstValue("X-Request-Id").orElseThrow();
    assertTrue(p.path("detail").asString().contains(id), "the detail names the request id to quote: " + res.body());
  }

  @Test
  void panicLeavesTheServerServing() throws Exception {
    Server s =
        start(
            (ctx, r) -> {
              if (r.path().equals("/panic")) {
                throw new IllegalStateException("boom");
              }
              return Response.text("still here");
            });
    for (int i = 0; i < 3; i++) {
      assertProblem(500, get(s, "/panic"));
      assertEquals("still here", get(s, "/ok").body());
    }
  }

  @Test
  void panicIsLoggedOnceAtErrorWithTheRequestIdAndStackTrace() throws Exception {
    try (LogCapture logs = captureLogs("dev.strand")) {
      Server s =
          start(
              (ctx, r) -> {
                throw new IllegalStateException("boom");
              });
      HttpResponse<String> res = send(request(s, "/").header("X-Request-Id", "panic-id-1"));
      assertEquals(500, res.statusCode());
      eventually("the panic to be logged", () -> !logs.errors().isEmpty());
      List<ILoggingEvent> errors = logs.errors();
      assertEquals(1, errors.size(), logs.describe());
      ILoggingEvent e = errors.get(0);
      assertTrue(e.getFormattedMessage().contains("panic-id-1"), "the log line names the request id: " + logs.describe());
      assertNotNull(e.getThrowableProxy(), "the stack trace is logged");
      assertEquals(IllegalStateException.class.getName(), e.getThrowableProxy().getClassName());
    }
  }

  @Test
  void handlerReturningNullGets500() throws Exception {
    Server s = start((ctx, r) -> null);
    assertProblem(500, get(s, "/"));
  }

  @Test
  void problemReturnedByAHandlerReachesTheClientAsIs() throws Exception {
    Server s = start((ctx, r) -> Response.problem(Problem.notFound("No user 42.").with("user", 42)));
    JsonNode p = assertProblem(404, get(s, "/user/42"));
    assertEquals("No user 42.", p.path("detail").asString());
    assertEquals(42, p.path("user").asInt());
    assertEquals("Not Found", p.path("title").asString());
  }

  // ---- malformed targets ----

  @Test
  void malformedPercentEscapeIsRefusedWith400() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server s = start(counting(calls));
    RawResponse res = raw(s).send(head("GET", "/a%zz")).read();
    assertEquals(400, res.status(), res.toString());
    if (isProblem(res)) {
      assertProblem(400, res);
    }
    assertEquals(0, calls.get(), "the handler must not run for a malformed target");
  }

  @Test
  void percentEscapeThatIsNotUtf8Gets400Problem() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server s = start(counting(calls));
    assertProblem(400, raw(s).send(head("GET", "/a%ff%fe")).read());
    assertEquals(0, calls.get(), "the handler must not run for a path that does not decode");
  }

  @Test
  void targetWithoutALeadingSlashIsRefused() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server s = start(counting(calls));
    RawResponse res = raw(s).send(head("GET", "no-slash")).readOrClosed();
    assertTrue(res == null || (res.status() >= 400 && res.status() < 500), "4xx or a closed connection: " + res);
    assertEquals(0, calls.get(), "the handler must not run for a target that is not a path");
  }

  @Test
  void malformedRequestLineIsRefused() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server s = start(counting(calls));
    RawResponse res = raw(s).send("THIS IS NOT HTTP\r\n\r\n").readOrClosed();
    assertTrue(res == null || (res.status() >= 400 && res.status() < 500), "4xx or a closed connection: " + res);
    assertEquals(0, calls.get());
    assertEquals(200, get(s, "/").statusCode(), "the server keeps serving");
  }

  // ---- framing ----

  @Test
  void conflictingContentLengthAndTransferEncodingIsNeverProcessed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server s = start(counting(calls));
    Raw raw = raw(s);
    // A smuggling attempt: the chunked body ends at once, what follows would be a second request.
    raw.send(head("POST", "/", "Content-Length: 48", "Transfer-Encoding: chunked")
        + "0\r\n\r\n"
        + head("GET", "/smuggled"));
    RawResponse res = raw.readOrClosed();
    assertTrue(res == null || res.status() == 400, "400 or a closed connection: " + res);
    if (res != null) {
      assertTrue(raw.closedByPeer(java.time.Duration.ofSeconds(5)), "after refusing ambiguous framing the connection must close");
    }
    assertEquals(0, calls.get(), "neither the request nor the smuggled one may reach the handler");
  }

  @Test
  void twoDifferentContentLengthsAreNeverProcessed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server s = start(counting(calls));
    Raw raw = raw(s);
    raw.send(head("POST", "/", "Content-Length: 3", "Content-Length: 5") + "hello");
    RawResponse res = raw.readOrClosed();
    assertTrue(res == null || res.status() == 400, "400 or a closed connection: " + res);
    assertEquals(0, calls.get());
  }

  @Test
  void malformedChunkedBodyIsNotAcceptedAsComplete() throws Exception {
    Server s = start((ctx, r) -> r.bytes().fold(b -> Response.text("accepted " + b.length), Response::problem));
    Raw raw = raw(s);
    raw.send(head("POST", "/", "Transfer-Encoding: chunked") + "zz\r\nhello\r\n0\r\n\r\n");
    RawResponse res = raw.readOrClosed();
    assertTrue(res == null || res.status() == 400, "400 or a closed connection: " + res);
  }

  // ---- bodies too large ----

  @Test
  void declaredBodyOverTheLimitGets413BeforeTheHandlerRuns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server s = start(counting(calls), c -> c.withMaxBodyBytes(1024 * 1024));
    Raw raw = raw(s);
    raw.send(head("POST", "/", "Content-Length: 10485760", "Content-Type: application/octet-stream"));
    RawResponse res = raw.read();
    assertProblem(413, res);
    assertEquals("close", String.valueOf(res.header("Connection")).toLowerCase(Locale.ROOT), res.head());
    assertEquals(0, calls.get(), "the handler must not run for a body declared too large");
  }

  @Test
  void bodyExactlyAtTheLimitIsAcceptedAndOneByteMoreIsNot() throws Exception {
    Server s =
        start(
            (ctx, r) -> r.bytes().fold(b -> Response.text("got " + b.length), Response::problem), c -> c.withMaxBodyBytes(1024));
    HttpResponse<String> at = send(request(s, "/").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024])));
    assertEquals("got 1024", at.body());
    assertProblem(413, send(request(s, "/").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1025]))));
  }

  @Test
  void streamedBodyOverTheLimitGets413WithoutBeingReadInFull() throws Exception {
    Server s =
        start(
            (ctx, r) -> r.bytes().fold(b -> Response.text("read " + b.length), Response::problem),
            c -> c.withMaxBodyBytes(64 * 1024));
    Raw raw = raw(s);
    long total = 256L * 1024 * 1024;
    AtomicLong sent = new AtomicLong();
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    OutputStream out = raw.socket().getOutputStream();
                    out.write(head("POST", "/", "Transfer-Encoding: chunked").getBytes(ISO_8859_1));
                    byte[] chunk = ("10000\r\n" + filler(0x10000) + "\r\n").getBytes(ISO_8859_1);
                    while (sent.get() < total) {
                      out.write(chunk);
                      sent.addAndGet(0x10000);
                    }
                    out.write("0\r\n\r\n".getBytes(ISO_8859_1));
                  } catch (IOException e) {
                    // the server stopped reading and closed: expected
                  }
                });
    RawResponse res = raw.read();
    assertProblem(413, res);
    raw.close();
    assertTrue(writer.join(PATIENCE), "the writer ends once the connection is closed");
    assertTrue(sent.get() < total, "the server must stop reading a body over the limit; it took all " + total + " bytes");
  }

  @Test
  void bodyStreamReadPastTheLimitGets413() throws Exception {
    Server s =
        start(
            (ctx, r) -> {
              long n = r.bodyStream().transferTo(OutputStream.nullOutputStream());
              return Response.text("read " + n);
            },
            c -> c.withMaxBodyBytes(4096));
    Raw raw = raw(s);
    raw.send(head("POST", "/", "Transfer-Encoding: chunked") + "2000\r\n" + filler(0x2000) + "\r\n0\r\n\r\n");
    assertProblem(413, raw.read());
  }

  // ---- media types and values ----

  @Test
  void wrongMediaTypeGets415() throws Exception {
    Server s = start((ctx, r) -> r.json(User.class).fold(Response::json, Response::problem));
    HttpResponse<String> res = postUser(s, "text/plain", "{\"id\":1,\"name\":\"A\"}");
    assertProblem(415, res);
  }

  @Test
  void malformedJsonGets400ProblemWithoutParserInternals() throws Exception {
    Server s = start((ctx, r) -> r.json(User.class).fold(Response::json, Response::problem));
    HttpResponse<String> res = postUser(s, "application/json", "{\"id\":1,\"name\":");
    assertProblem(400, res);
    assertFalse(res.body().contains("jackson"), res.body());
  }

  @Test
  void invalidUserGets422ListingEveryViolation() throws Exception {
    Server s =
        start(
            (ctx, r) ->
                r.json(User.class)
                    .fold(
                        u ->
                            u.validate()
                                .fold(
                                    ok -> Response.json(201, ok),
                                    violations -> Response.problem(Problem.unprocessable("The user is invalid.", violations))),
                        Response::problem));
    HttpResponse<String> res = postUser(s, "application/json", "{\"id\":0,\"name\":\"   \"}");
    JsonNode p = assertProblem(422, res);
    JsonNode errors = p.path("errors");
    assertTrue(errors.isArray(), res.body());
    assertEquals(2, errors.size(), res.body());
    assertEquals("id", errors.get(0).path("field").asString());
    assertEquals("name", errors.get(1).path("field").asString());
  }

  // ---- response headers ----

  @Test
  void responseHeaderWithCrLfIsRefusedAndNothingSplitReachesTheWire() throws Exception {
    Server s =
        start(
            (ctx, r) ->
                r.path().equals("/evil")
                    ? Response.text("x").withHeader("X-Evil", "a\r\nSet-Cookie: pwned=1")
                    : r.path().equals("/evil-name")
                        ? Response.text("x").withHeader("X-Evil\r\nSet-Cookie", "pwned=1")
                        : Response.text("clean"));
    Raw raw = raw(s);
    RawResponse value = raw.send(head("GET", "/evil")).read();
    assertProblem(500, value);
    RawResponse name = raw.send(head("GET", "/evil-name")).read();
    assertProblem(500, name);
    RawResponse after = raw.send(head("GET", "/clean")).read();
    assertEquals("clean", after.text(), "the connection stays in step");
    for (RawResponse res : List.of(value, name, after)) {
      assertFalse(res.head().toLowerCase(Locale.ROOT).contains("pwned"), res.head());
      assertTrue(res.headers("set-cookie").isEmpty(), res.head());
    }
  }

  // ---- overload ----

  @Test
  void overloadedServerAnswers503WithRetryAfterAndRecovers() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Server s =
        start(holdingOnHold(inside, release, (ctx, r) -> Response.text("done")), c -> c.withMaxConcurrentRequests(1));
    CompletableFuture<HttpResponse<String>> held = getAsync(s, "/hold");
    assertTrue(inside.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    HttpResponse<String> busy = get(s, "/other");
    assertProblem(503, busy);
    String retry = busy.headers().firstValue("Retry-After").orElse(null);
    assertNotNull(retry, "503 must say when to retry");
    assertTrue(retry.matches("\\d+"), retry);
    release.countDown();
    assertEquals("done", held.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body());
    assertEquals("done", get(s, "/other").body(), "the permit is returned");
  }

  private static dev.strand.Handler counting(AtomicInteger calls) {
    return (ctx, r) -> {
      calls.incrementAndGet();
      return Response.text("handled " + r.target());
    };
  }

  private static boolean isProblem(RawResponse res) {
    String ct = res.header("Content-Type");
    return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
  }
}
