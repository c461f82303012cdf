package dev.strand.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ShutdownReport;
import dev.strand.model.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ServerContract holds what every backend must do with ordinary HTTP: start and stop, methods,
 * targets, headers, bodies in and out (fixed, chunked, streamed), keep-alive, request ids, virtual
 * threads. Extend it with one line naming the backend.
 */
public abstract class ServerContract extends ContractSupport {

  /** Creates the contract. */
  protected ServerContract() {}

  // ---- lifecycle ----

  @Test
  void canStartOnPortZeroAndReportThePort() throws Exception {
    Server s = start((ctx, r) -> Response.text("up"));
    assertTrue(s.port() > 0, "port 0 must be replaced by the bound port");
    assertEquals(s.port(), s.address().getPort());
    assertEquals("http://127.0.0.1:" + s.port(), s.uri().toString());
    assertEquals(backend().name(), s.backendName());
    assertEquals("up", get(s, "/").body());
  }

  @Test
  void twoServersOnPortZeroGetDifferentPorts() throws Exception {
    Server a = start((ctx, r) -> Response.text("a"));
    Server b = start((ctx, r) -> Response.text("b"));
    assertNotEquals(a.port(), b.port());
    assertEquals("a", get(a, "/").body());
    assertEquals("b", get(b, "/").body());
  }

  @Test
  void startingOnABusyPortFailsWithAMessageNamingThePort() {
    Server a = start((ctx, r) -> Response.text("a"));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> start((ctx, r) -> Response.text("b"), c -> c.withPort(a.port())));
    assertTrue(e.getMessage().startsWith("strand: "), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(a.port())), e.getMessage());
  }

  @Test
  void stoppingTwiceReturnsTheFirstReportAndFreesThePort() throws Exception {
    Server s = start((ctx, r) -> Response.text("once"));
    int port = s.port();
    assertEquals("once", get(s, "/").body());
    ShutdownReport first = s.shutdown(Duration.ofSeconds(1));
    ShutdownReport second = s.shutdown(Duration.ofSeconds(1));
    assertEquals(first, second);
    s.close();
    assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    Server again = start((ctx, r) -> Response.text("twice"), c -> c.withPort(port));
    assertEquals("twice", get(again, "/").body());
  }

  @Test
  void handlerRunsOnAVirtualThread() throws Exception {
    Server s = start((ctx, r) -> Response.text(String.valueOf(Thread.currentThread().isVirtual())));
    assertEquals("true", get(s, "/").body());
  }

  // ---- methods, targets, headers ----

  @Test
  void getReturnsStatusBodyAndContentType() throws Exception {
    Server s = start((ctx, r) -> Response.text(201, "made"));
    HttpResponse<String> res = get(s, "/");
    assertEquals(201, res.statusCode());
    assertEquals("made", res.body());
    assertEquals("text/plain; charset=utf-8", res.headers().firstValue("Content-Type").orElse(null));
    assertEquals("4", res.headers().firstValue("Content-Length").orElse(null), "a fixed body has its length");
  }

  @Test
  void methodIsPassedAsSent() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.method()));
    for (String m : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "PURGE")) {
      var req = request(s, "/").method(m, HttpRequest.BodyPublishers.noBody());
      assertEquals(m, send(req).body());
    }
  }

  @Test
  void headIsAnsweredWithTheHeadersOfGetAndNoBody() throws Exception {
    Server s = start((ctx, r) -> Response.text("twelve bytes"));
    Raw raw = raw(s);
    RawResponse head = raw.send(head("HEAD", "/")).read(true);
    assertEquals(200, head.status());
    String length = head.header("Content-Length");
    if (length != null) {
      assertEquals("12", length, "HEAD announces what GET would send");
    }
    // Had the body been sent, the next response on the connection would not parse.
    RawResponse next = raw.send(head("GET", "/")).read();
    assertEquals("twelve bytes", next.text());
  }

  @Test
  void headOfAStreamedResponseSendsNoBody() throws Exception {
    Server s = start((ctx, r) -> Response.stream(200, "text/plain", (c, out) -> out.write("streamed".getBytes(UTF_8))));
    Raw raw = raw(s);
    assertEquals(200, raw.send(head("HEAD", "/")).read(true).status());
    assertEquals("streamed", raw.send(head("GET", "/")).read().text());
  }

  @Test
  void noContentHasNoBodyAndKeepsTheConnectionUsable() throws Exception {
    Server s = start((ctx, r) -> r.path().equals("/204") ? Response.status(204) : Response.text("after"));
    Raw raw = raw(s);
    RawResponse none = raw.send(head("DELETE", "/204")).read();
    assertEquals(204, none.status());
    assertNull(none.header("Transfer-Encoding"), none.head());
    assertEquals("after", raw.send(head("GET", "/next")).read().text());
  }

  @Test
  void otherStatusesAndHeadersPassThrough() throws Exception {
    Server s =
        start(
            (ctx, r) ->
                switch (r.path()) {
                  case "/created" -> Response.text(201, "").withHeader("Location", "/user/9");
                  case "/redirect" -> Response.redirect("/elsewhere");
                  default -> Response.text(418, "teapot");
                });
    HttpResponse<String> created = get(s, "/created");
    assertEquals(201, created.statusCode());
    assertEquals("/user/9", created.headers().firstValue("Location").orElse(null));
    HttpResponse<String> redirect = get(s, "/redirect");
    assertEquals(307, redirect.statusCode());
    assertEquals("/elsewhere", redirect.headers().firstValue("Location").orElse(null));
    assertEquals(418, get(s, "/tea").statusCode());
  }

  @Test
  void requestHeaderNamesAreCaseInsensitive() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.header("x-custom-thing").orElse("missing") + "|" + r.header("X-CUSTOM-THING").orElse("missing")));
    RawResponse res = raw(s).send(head("GET", "/", "X-Custom-Thing: value")).read();
    assertEquals("value|value", res.text());
  }

  @Test
  void repeatedRequestHeadersKeepEveryValueInOrder() throws Exception {
    Server s = start((ctx, r) -> Response.text(String.join(",", r.headers().all("X-Multi"))));
    RawResponse res = raw(s).send(head("GET", "/", "X-Multi: one", "x-multi: two", "X-MULTI: three")).read();
    assertEquals("one,two,three", res.text());
  }

  @Test
  void repeatedResponseHeadersAllReachTheClient() throws Exception {
    Server s = start((ctx, r) -> Response.text("ok").addHeader("Set-Cookie", "a=1").addHeader("Set-Cookie", "b=2"));
    HttpResponse<String> res = get(s, "/");
    assertEquals(List.of("a=1", "b=2"), res.headers().allValues("Set-Cookie"));
  }

  @Test
  void targetReachesTheHandlerRawWithItsPathDecoded() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    Server s =
        start(
            (ctx, r) -> {
              seen.set(r.target() + " | " + r.rawPath() + " | " + r.path() + " | " + r.rawQuery().orElse("-"));
              return Response.text("ok");
            });
    assertEquals(200, raw(s).send(head("GET", "/caf%C3%A9/a%20b/c%2Fd?x=%26&y=a+b")).read().status());
    assertEquals("/caf%C3%A9/a%20b/c%2Fd?x=%26&y=a+b | /caf%C3%A9/a%20b/c%2Fd | /café/a b/c/d | x=%26&y=a+b", seen.get());
  }

  @Test
  void queryParametersAreDecodedAndRepeatsKept() throws Exception {
    Server s =
        start(
            (ctx, r) ->
                Response.text(r.queryAll("a") + " " + r.query("b").orElse("-") + " " + r.query("c").orElse("-") + " " + r.query("none").orElse("-")));
    assertEquals("[1, 2] x y a+b -", get(s, "/q?a=1&a=2&b=x%20y&c=a%2Bb").body());
  }

  @Test
  void protocolAndRemoteAddressAreReported() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.protocol() + " " + r.remoteAddress().getAddress().isLoopbackAddress()));
    assertEquals("HTTP/1.1 true", raw(s).send(head("GET", "/")).read().text());
  }

  @Test
  void http10RequestIsAnsweredAndTheConnectionClosed() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.protocol()));
    Raw raw = raw(s).send("GET / HTTP/1.0\r\n\r\n");
    RawResponse res = raw.read();
    assertEquals(200, res.status());
    assertEquals("HTTP/1.0", res.text());
    assertTrue(raw.closedByPeer(Duration.ofSeconds(5)), "HTTP/1.0 without keep-alive ends the connection");
  }

  // ---- request ids ----

  @Test
  void validRequestIdIsEchoed() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.id()));
    HttpResponse<String> res = send(request(s, "/").header("X-Request-Id", "abc-123_x.y"));
    assertEquals("abc-123_x.y", res.body());
    assertEquals("abc-123_x.y", res.headers().firstValue("X-Request-Id").orElse(null));
  }

  @Test
  void missingOrInvalidRequestIdIsReplacedByAGeneratedOne() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.id()));
    HttpResponse<String> missing = get(s, "/");
    HttpResponse<String> invalid = send(request(s, "/").header("X-Request-Id", "not valid!"));
    HttpResponse<String> tooLong = send(request(s, "/").header("X-Request-Id", "x".repeat(65)));
    for (HttpResponse<String> res : List.of(missing, invalid, tooLong)) {
      String id = res.headers().firstValue("X-Request-Id").orElse("");
      assertTrue(id.matches("[A-Za-z0-9._-]{1,64}"), "generated id: " + id);
      assertEquals(id, res.body());
    }
    assertNotEquals(missing.body(), invalid.body());
  }

  @Test
  void everyResponseCarriesARequestIdProblemsIncluded() throws Exception {
    Server s = start(throwing("boom"));
    HttpResponse<String> res = get(s, "/");
    assertEquals(500, res.statusCode());
    assertTrue(res.headers().firstValue("X-Request-Id").isPresent(), "X-Request-Id on a problem");
  }

  @Test
  void requestIdIsInTheLoggingContextWhileTheHandlerRuns() throws Exception {
    Server s = start((ctx, r) -> Response.text(String.valueOf(org.slf4j.MDC.get("requestId")) + "|" + r.id()));
    HttpResponse<String> res = send(request(s, "/").header("X-Request-Id", "mdc-check-7"));
    assertEquals("mdc-check-7|mdc-check-7", res.body());
  }

  @Test
  void everyRequestGetsOneAccessLogLine() throws Exception {
    try (LogCapture access = captureLogs("dev.strand.access").atInfo()) {
      Server s = start((ctx, r) -> Response.text("logged"));
      assertEquals(200, send(request(s, "/logged?q=1").header("X-Request-Id", "access-1")).statusCode());
      eventually("the access line", () -> !access.messages().isEmpty());
      List<String> lines = access.messages();
      assertEquals(1, lines.size(), lines.toString());
      String line = lines.get(0);
      for (String part : List.of("127.0.0.1", "\"GET /logged?q=1 HTTP/1.1\"", " 200 ", "id=access-1")) {
        assertTrue(line.contains(part), "access line lacks " + part + ": " + line);
      }
    }
  }

  // ---- bodies ----

  @Test
  void requestWithoutBodyReadsAsEmpty() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.bytes().map(b -> "len=" + b.length).orElse("failed")));
    assertEquals("len=0", send(request(s, "/").POST(HttpRequest.BodyPublishers.noBody())).body());
    assertEquals("len=0", get(s, "/").body());
  }

  @Test
  void fiveMegabyteBodyRoundTrips() throws Exception {
    byte[] big = new byte[5 * 1024 * 1024];
    new Random(42).nextBytes(big);
    Server s =
        start(
            (ctx, r) ->
                r.bytes().fold(b -> Response.bytes(200, "application/octet-stream", b), Response::problem));
    HttpResponse<byte[]> res =
        client()
            .send(
                request(s, "/echo").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, res.statusCode());
    assertEquals(big.length, res.body().length);
    assertArrayEquals(sha256(big), sha256(res.body()));
  }

  @Test
  void chunkedRequestBodyIsReadInFull() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.contentLength() + ":" + r.text().orElse("failed")));
    Raw raw = raw(s);
    raw.send(head("POST", "/", "Transfer-Encoding: chunked", "Content-Type: text/plain") + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    assertEquals("-1:hello world", raw.read().text());
  }

  @Test
  void bodyOfUnknownLengthFromAClientIsReadInFull() throws Exception {
    byte[] data = filler(300_000).getBytes(UTF_8);
    Server s = start((ctx, r) -> r.bytes().fold(b -> Response.text(b.length + ":" + HexFormat.of().formatHex(sha256(b))), Response::problem));
    HttpResponse<String> res =
        send(request(s, "/").POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(data))));
    assertEquals(data.length + ":" + HexFormat.of().formatHex(sha256(data)), res.body());
  }

  @Test
  void userRoundTripsAsJson() throws Exception {
    Server s =
        start(
            (ctx, r) ->
                r.json(User.class)
                    .fold(u -> Response.json(201, new User(u.id() + 1, u.name().toUpperCase(java.util.Locale.ROOT))), Response::problem));
    HttpResponse<String> res = postUser(s, "application/json", "{\"id\":1,\"name\":\"Alice\"}");
    assertEquals(201, res.statusCode(), res.body());
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode user = json(res.body());
    assertEquals(2, user.path("id").asLong());
    assertEquals("ALICE", user.path("name").asString());
    assertEquals("{\"id\":2,\"name\":\"ALICE\"}", res.body());
  }

  @Test
  void streamedResponseIsSentChunkedInFull() throws Exception {
    Server s =
        start(
            (ctx, r) ->
                Response.stream(
                    200,
                    "text/plain",
                    (c, out) -> {
                      for (int i = 0; i < 3; i++) {
                        out.write(("part" + i + ";").getBytes(UTF_8));
                        out.flush();
                      }
                    }));
    RawResponse res = raw(s).send(head("GET", "/")).read();
    assertEquals(200, res.status());
    assertEquals("part0;part1;part2;", res.text());
    assertTrue(
        res.header("Content-Length") == null && "chunked".equalsIgnoreCase(res.header("Transfer-Encoding")),
        "a streamed body of unknown length goes chunked: " + res.head());
  }

  @Test
  void largeStreamedResponseArrivesInFull() throws Exception {
    int size = 4 * 1024 * 1024;
    Server s =
        start(
            (ctx, r) ->
                Response.stream(
                    200,
                    "application/octet-stream",
                    (c, out) -> {
                      byte[] block = new byte[8192];
                      for (int i = 0; i < size / block.length; i++) {
                        java.util.Arrays.fill(block, (byte) i);
                        out.write(block);
                      }
                    }));
    HttpResponse<byte[]> res = client().send(request(s, "/").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(size, res.body().length);
    assertEquals((byte) (size / 8192 - 1), res.body()[size - 1]);
  }

  @Test
  void streamingFlushSendsTheFirstChunkBeforeTheSecondIsWritten() throws Exception {
    CountDownLatch clientSawFirst = new CountDownLatch(1);
    AtomicBoolean sawItInTime = new AtomicBoolean();
    Server s =
        start(
            (ctx, r) ->
                flushedThen(
                    "first;",
                    (c, out) -> {
                      try {
                        sawItInTime.set(clientSawFirst.await(10, TimeUnit.SECONDS));
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted");
                      }
                      out.write("second;".getBytes(UTF_8));
                    }));
    HttpResponse<InputStream> res = client().send(request(s, "/").build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = res.body()) {
      assertEquals("first;", new String(in.readNBytes(6), UTF_8));
      clientSawFirst.countDown();
      assertEquals("second;", new String(in.readAllBytes(), UTF_8));
    }
    assertTrue(sawItInTime.get(), "the client must see a flushed chunk before the writer goes on");
  }

  @Test
  void panicWhileStreamingCutsTheConnectionInsteadOfEndingTheBody() throws Exception {
    Server s =
        start(
            (ctx, r) ->
                flushedThen(
                    "partial;",
                    (c, out) -> {
                      throw new IllegalStateException("failed half-way");
                    }));
    Raw raw = raw(s);
    raw.send(head("GET", "/"));
    IOException e = assertThrows(IOException.class, raw::read, "a body cut by a panic must not look complete");
    assertTrue(raw.closedByPeer(Duration.ofSeconds(5)), "the connection is closed: " + e);
  }

  @Test
  void requestBodyStreamDeliversDataAsItArrives() throws Exception {
    CountDownLatch handlerGotFirst = new CountDownLatch(1);
    Server s =
        start(
            (ctx, r) -> {
              InputStream in = r.bodyStream();
              String first = new String(in.readNBytes(5), UTF_8);
              handlerGotFirst.countDown();
              String rest = new String(in.readAllBytes(), UTF_8);
              return Response.text(first + "|" + rest);
            });
    Raw raw = raw(s);
    raw.send(head("POST", "/", "Transfer-Encoding: chunked") + "5\r\nhello\r\n");
    assertTrue(handlerGotFirst.await(10, TimeUnit.SECONDS), "the handler must get the first chunk before the rest is sent");
    raw.send("6\r\n world\r\n0\r\n\r\n");
    assertEquals("hello| world", raw.read().text());
  }

  // ---- connections ----

  @Test
  void keepAliveServesTwoRequestsOnOneConnection() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.path() + " " + r.remoteAddress().getPort()));
    Raw raw = raw(s);
    String first = raw.send(head("GET", "/one")).read().text();
    String second = raw.send(head("GET", "/two")).read().text();
    assertTrue(first.startsWith("/one "), first);
    assertTrue(second.startsWith("/two "), second);
    assertEquals(first.substring(5), second.substring(5), "both requests came over the same connection");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.path()));
    Raw raw = raw(s);
    raw.send(head("GET", "/a") + head("GET", "/b") + head("GET", "/c"));
    assertEquals("/a", raw.read().text());
    assertEquals("/b", raw.read().text());
    assertEquals("/c", raw.read().text());
  }

  @Test
  void connectionCloseFromTheHandlerClosesTheConnection() throws Exception {
    Server s = start((ctx, r) -> Response.text("bye").withHeader("Connection", "close"));
    Raw raw = raw(s);
    RawResponse res = raw.send(head("GET", "/")).read();
    assertEquals("bye", res.text());
    assertEquals("close", res.header("Connection").toLowerCase(java.util.Locale.ROOT));
    assertTrue(raw.closedByPeer(Duration.ofSeconds(5)), "the server must close after Connection: close");
  }

  @Test
  void connectionCloseFromTheClientIsHonoured() throws Exception {
    Server s = start((ctx, r) -> Response.text("bye"));
    Raw raw = raw(s);
    assertEquals("bye", raw.send(head("GET", "/", "Connection: close")).read().text());
    assertTrue(raw.closedByPeer(Duration.ofSeconds(5)), "the server must close after the client's Connection: close");
  }

  @Test
  void expectContinueGetsAnInterimResponseThenTheAnswer() throws Exception {
    Server s = start((ctx, r) -> Response.text(r.text().orElse("failed")));
    Raw raw = raw(s);
    raw.send(head("POST", "/", "Content-Length: 5", "Expect: 100-continue"));
    RawResponse interim = raw.readOne(false);
    assertEquals(100, interim.status(), "the server must invite the body: " + interim);
    raw.send("hello");
    assertEquals("hello", raw.read().text());
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
