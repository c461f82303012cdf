package dev.strand.undertow;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Handler;
import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ServerConfig;
import dev.strand.ShutdownReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UndertowBackendTest {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdown(Duration.ofMillis(200));
    }
  }

  private Server start(Handler handler) {
    return start(handler, ServerConfig.defaults());
  }

  private Server start(Handler handler, ServerConfig config) {
    server = Server.start(handler, config.withHost("127.0.0.1").withPort(0).withAccessLog(false).withBackend(new UndertowBackend()));
    return server;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends raw bytes on a new connection and returns everything the server sends until it closes. */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(US_ASCII));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), US_ASCII);
    }
  }

  @Test
  void isFoundByServiceLoaderUnderItsName() throws Exception {
    server = Server.start((c, r) -> Response.text("hi"), ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withBackend("undertow"));
    assertEquals("undertow", server.backendName());
    assertEquals("hi", get("/").body());
  }

  @Test
  void handlerRunsOnAVirtualThread() throws Exception {
    start((c, r) -> Response.text(Thread.currentThread().isVirtual() ? "virtual" : "platform"));
    HttpResponse<String> res = get("/");
    assertEquals(200, res.statusCode());
    assertEquals("virtual", res.body());
    assertEquals("text/plain; charset=utf-8", res.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(res.headers().firstValue("Date").isPresent());
    assertEquals("7", res.headers().firstValue("Content-Length").orElseThrow());
  }

  @Test
  void targetIsRawAndHeadersRepeat() throws Exception {
    start((c, r) -> Response.text(r.target() + " " + r.headers().all("X-A")));
    HttpResponse<String> res =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/a%20b/c%2Fd?x=1&y=%26")).header("X-A", "1").header("X-A", "2").build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals("/a%20b/c%2Fd?x=1&y=%26 [1, 2]", res.body());
  }

  @Test
  void absoluteFormTargetIsReducedToPathAndQuery() throws Exception {
    start((c, r) -> Response.text(r.target()));
    String res = raw("GET http://example.test:8080/p/q?z=1 HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n");
    assertTrue(res.startsWith("HTTP/1.1 200"), res);
    assertTrue(res.endsWith("\r\n\r\n/p/q?z=1"), res);
  }

  @Test
  void echoesARequestBody() throws Exception {
    start((c, r) -> Response.bytes(200, "application/octet-stream", r.bodyStream().readAllBytes()));
    byte[] body = new byte[300_000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    HttpResponse<byte[]> res =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/echo")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, res.statusCode());
    assertEquals(body.length, res.body().length);
    assertTrue(java.util.Arrays.equals(body, res.body()));
  }

  @Test
  void readsAChunkedRequestBody() throws Exception {
    start((c, r) -> Response.text(r.contentLength() + ":" + new String(r.bodyStream().readAllBytes(), UTF_8)));
    String res = raw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    assertTrue(res.endsWith("-1:abcde"), res);
  }

  @Test
  void transferCodingsOtherThanChunkedAreRefused() throws Exception {
    start((c, r) -> Response.text("read " + r.bodyStream().readAllBytes().length));
    String gzip = raw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nhello");
    assertTrue(gzip.startsWith("HTTP/1.1 400"), gzip);
    String gzipChunked = raw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertTrue(gzipChunked.startsWith("HTTP/1.1 501"), gzipChunked);
    String chunked = raw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertTrue(chunked.endsWith("read 5"), chunked);
  }

  @Test
  void ambiguousFramingIsRefusedByUndertow() throws Exception {
    start((c, r) -> Response.text("read " + r.bodyStream().readAllBytes().length));
    String both = raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertTrue(both.startsWith("HTTP/1.1 400"), both);
    String twoLengths = raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nhello");
    assertTrue(twoLengths.startsWith("HTTP/1.1 400"), twoLengths);
  }

  @Test
  void streamsAChunkedResponse() throws Exception {
    start((c, r) -> Response.stream(200, "text/plain", (ctx, out) -> {
      out.write("one,".getBytes(UTF_8));
      out.flush();
      out.write("two".getBytes(UTF_8));
    }));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      while (!buf.toString(US_ASCII).endsWith("\r\n0\r\n\r\n")) {
        int b = in.read();
        assertTrue(b >= 0, "EOF before the last chunk: " + buf.toString(US_ASCII));
        buf.write(b);
      }
      String res = buf.toString(US_ASCII);
      assertTrue(res.contains("Transfer-Encoding: chunked"), res);
      // Two chunks, as flushed; Undertow writes sizes with a leading zero.
      assertTrue(java.util.regex.Pattern.compile("\r\n0*4\r\none,\r\n0*3\r\ntwo\r\n").matcher(res).find(), res);
    }
  }

  @Test
  void failureMidStreamCutsTheConnectionSoTheClientSeesNoCleanEnd() throws Exception {
    start((c, r) -> Response.stream(200, "text/plain", (ctx, out) -> {
      out.write("partial".getBytes(UTF_8));
      out.flush();
      throw new IllegalStateException("boom mid-stream");
    }));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      String all;
      try {
        all = new String(s.getInputStream().readAllBytes(), US_ASCII);
      } catch (IOException e) {
        all = "reset";
      }
      assertTrue(all.equals("reset") || (all.contains("partial") && !all.endsWith("0\r\n\r\n")), all);
    }
  }

  @Test
  void headAnswersWithLengthButNoBody() throws Exception {
    start((c, r) -> Response.text("twelve bytes"));
    String res = raw("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(res.startsWith("HTTP/1.1 200"), res);
    assertTrue(res.contains("Content-Length: 12"), res);
    assertTrue(res.endsWith("\r\n\r\n"), res);
  }

  @Test
  void noContentHasNoBodyAndKeepsTheConnection() throws Exception {
    start((c, r) -> Response.status(204));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      for (int i = 0; i < 2; i++) {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
        String head = readHead(s.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 204"), head);
        assertFalse(head.toLowerCase().contains("content-length"), head);
        assertFalse(head.toLowerCase().contains("transfer-encoding"), head);
      }
    }
  }

  @Test
  void declaredBodyOverTheLimitGets413AndTheConnectionCloses() throws Exception {
    start((c, r) -> Response.text("read " + r.bodyStream().readAllBytes().length), ServerConfig.defaults().withMaxBodyBytes(10));
    String res = raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "a".repeat(1000));
    assertTrue(res.startsWith("HTTP/1.1 413"), res);
    assertTrue(res.contains("application/problem+json"), res);
  }

  @Test
  void chunkedBodyOverTheLimitGets413() throws Exception {
    start((c, r) -> Response.text("read " + r.bodyStream().readAllBytes().length), ServerConfig.defaults().withMaxBodyBytes(10));
    String res = raw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n" + "b".repeat(20) + "\r\n0\r\n\r\n");
    assertTrue(res.startsWith("HTTP/1.1 413"), res);
  }

  @Test
  void handlerPastItsDeadlineGets504AtTheDeadline() throws Exception {
    start((c, r) -> {
      Thread.sleep(10_000);
      return Response.text("late");
    }, ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    HttpResponse<String> res = get("/");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(504, res.statusCode());
    // Well before the handler's 10 s sleep ends; generous for a loaded 2-core machine.
    assertTrue(ms < 5_000, "took " + ms + " ms");
  }

  @Test
  void headSlightlyOverTheLimitGets431FromStrand() throws Exception {
    start((c, r) -> Response.text("ok"), ServerConfig.defaults().withMaxHeaderBytes(2048));
    String res = raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2500) + "\r\n\r\n");
    assertTrue(res.startsWith("HTTP/1.1 431"), res);
  }

  @Test
  void headFarOverTheLimitGetsUndertows400() throws Exception {
    start((c, r) -> Response.text("ok"), ServerConfig.defaults().withMaxHeaderBytes(2048));
    String res = raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n");
    assertTrue(res.startsWith("HTTP/1.1 400"), res);
  }

  @Test
  void connectionCloseFromStrandClosesTheConnection() throws Exception {
    start((c, r) -> Response.text("bye").withHeader("Connection", "close"));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      String all = new String(s.getInputStream().readAllBytes(), US_ASCII); // returns only at EOF
      assertTrue(all.startsWith("HTTP/1.1 200"), all);
      assertTrue(all.endsWith("bye"), all);
    }
  }

  @Test
  void stopAcceptingKeepsOpenConnectionsServing() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start((c, r) -> {
      if (r.path().equals("/slow")) {
        entered.countDown();
        release.await();
      }
      return Response.text("done");
    }, ServerConfig.defaults().withShutdownGrace(Duration.ofSeconds(10)));
    int port = server.port();
    try (Socket idle = new Socket("127.0.0.1", port); Socket busy = new Socket("127.0.0.1", port)) {
      idle.setSoTimeout(10_000);
      busy.setSoTimeout(10_000);
      busy.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      AtomicReference<ShutdownReport> report = new AtomicReference<>();
      Thread shutdown = Thread.ofVirtual().start(() -> report.set(server.shutdown(Duration.ofSeconds(10))));
      // New connections are refused once the listener stops accepting.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean refused = false;
      while (!refused && System.nanoTime() < until) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          Thread.onSpinWait();
        } catch (java.net.SocketException e) { // ConnectException included
          // Refused, or reset: a connect racing the listening socket's close can be reset.
          refused = true;
        }
      }
      assertTrue(refused, "still accepting");
      // An open idle connection still gets an answer: 503 while draining.
      idle.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      assertTrue(readHead(idle.getInputStream()).startsWith("HTTP/1.1 503"));
      // The in-flight request completes.
      release.countDown();
      String head = readHead(busy.getInputStream());
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      shutdown.join(15_000);
      assertEquals(1, report.get().drained());
    }
    server = null;
  }

  @Test
  void shutdownClosesOpenConnectionsAndTheListener() throws Exception {
    start((c, r) -> Response.text("ok"));
    int port = server.port();
    try (Socket open = new Socket("127.0.0.1", port)) {
      open.setSoTimeout(10_000);
      open.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      assertTrue(readHead(open.getInputStream()).startsWith("HTTP/1.1 200"));
      server.shutdown(Duration.ZERO);
      server = null;
      assertEquals(-1, open.getInputStream().read(), "open connections are closed");
    }
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
  }

  @Test
  void idleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    start((c, r) -> Response.text("ok"), ServerConfig.defaults().withIdleTimeout(Duration.ofMillis(500)));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 200"));
      long t0 = System.nanoTime();
      assertEquals(-1, s.getInputStream().read(), "the server closes the idle connection");
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms >= 300 && ms < 5_000, "closed after " + ms + " ms");
    }
  }

  @Test
  void headSentTooSlowlyIsCutAfterTheReadHeaderTimeout() throws Exception {
    start((c, r) -> Response.text("ok"), ServerConfig.defaults().withReadHeaderTimeout(Duration.ofMillis(500)));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      long t0 = System.nanoTime();
      s.getOutputStream().write("GET / HTTP/1.1\r\nHo".getBytes(US_ASCII));
      int got;
      try {
        // Keep dripping bytes of the head, as a slowloris client does, until the server hangs up.
        for (int i = 0; i < 100 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8); i++) {
          Thread.sleep(100);
          s.getOutputStream().write('s');
        }
        got = s.getInputStream().read();
      } catch (IOException e) {
        got = -1; // reset by the server: cut as well
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(-1, got);
      assertTrue(ms < 5_000, "cut after " + ms + " ms");
    }
  }

  @Test
  void shutdownStopsEveryUndertowThread() throws Exception {
    start((c, r) -> Response.text("ok"));
    assertEquals(200, get("/").statusCode());
    assertTrue(undertowThreads() > 0);
    server.shutdown(Duration.ZERO);
    server = null;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (undertowThreads() > 0 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertEquals(0, undertowThreads());
  }

  private static long undertowThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("strand-undertow")).count();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      buf.write(b);
      String s = buf.toString(US_ASCII);
      if (s.endsWith("\r\n\r\n")) {
        int cl = s.toLowerCase().indexOf("content-length: ");
        if (cl >= 0) {
          int n = Integer.parseInt(s.substring(cl + 16, s.indexOf('\r', cl)).trim());
          in.readNBytes(n);
        }
        return s;
      }
    }
    return buf.toString(US_ASCII);
  }
}
