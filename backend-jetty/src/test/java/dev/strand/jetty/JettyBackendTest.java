package dev.strand.jetty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Handler;
import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JettyBackendTest {

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdown(Duration.ZERO);
    }
    client.close();
  }

  private Server start(Handler handler) {
    return start(handler, c -> c);
  }

  private Server start(Handler handler, UnaryOperator<ServerConfig> tune) {
    server = Server.start(handler, tune.apply(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withBackend(new JettyBackend())));
    return server;
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  /** Sends raw bytes and reads until the server closes the connection or {@code timeout} passes. */
  private String raw(String request, int timeoutMillis) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(timeoutMillis);
      s.getOutputStream().write(request.getBytes(ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), ISO_8859_1);
    }
  }

  @Test
  void serviceLoaderFindsJettyByName() {
    boolean found = false;
    for (var b : ServiceLoader.load(dev.strand.spi.Backend.class)) {
      found |= b instanceof JettyBackend && b.name().equals("jetty");
    }
    assertTrue(found);
  }

  @Test
  void portInUseFailsTheStartWithAnIoError() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      ServerConfig config = ServerConfig.defaults().withHost("127.0.0.1").withPort(taken.getLocalPort()).withBackend(new JettyBackend());
      java.io.UncheckedIOException e =
          org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class, () -> Server.start((ctx, req) -> Response.text("x"), config));
      assertTrue(e.getMessage().startsWith("strand: "), e.getMessage());
    }
  }

  @Test
  void handlerRunsOnAVirtualThread() throws Exception {
    start((ctx, req) -> Response.text("virtual=" + Thread.currentThread().isVirtual()));
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")));
    assertEquals(200, r.statusCode());
    assertEquals("virtual=true", r.body());
    assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.headers().firstValue("Date").isPresent());
    assertFalse(r.headers().firstValue("Server").isPresent());
    assertTrue(r.headers().firstValue("X-Request-Id").isPresent());
  }

  @Test
  void targetReachesTheHandlerRaw() throws Exception {
    start((ctx, req) -> Response.text(req.target() + " " + req.path()));
    assertEquals("/a%20b/c%2Fd?x=1&y=%41 /a b/c/d", send(HttpRequest.newBuilder(uri("/a%20b/c%2Fd?x=1&y=%41"))).body());
  }

  @Test
  void absoluteFormTargetIsReducedToPathAndQuery() throws Exception {
    start((ctx, req) -> Response.text(req.target()));
    String reply = raw("GET http://example.com/p?q=1 HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n", 10_000);
    assertTrue(reply.endsWith("/p?q=1"), reply);
    String otherHost = raw("GET http://example.com:81/p HTTP/1.1\r\nHost: other\r\nConnection: close\r\n\r\n", 10_000);
    assertTrue(otherHost.startsWith("HTTP/1.1 200") && otherHost.endsWith("/p"), otherHost);
  }

  @Test
  void requestBodiesAreEchoedWithAndWithoutLength() throws Exception {
    start((ctx, req) -> Response.bytes(200, "application/octet-stream", req.bytes().orElseThrow()));
    String big = "x".repeat(300_000);
    assertEquals(big, send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.ofString(big))).body());
    InputStream chunked = new java.io.ByteArrayInputStream(big.getBytes(UTF_8));
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.ofInputStream(() -> chunked)));
    assertEquals(big, r.body());
    assertEquals("", send(HttpRequest.newBuilder(uri("/"))).body());
  }

  @Test
  void expectContinueGetsTheBodyRead() throws Exception {
    start((ctx, req) -> Response.text(req.text().orElseThrow()));
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")).expectContinue(true).POST(HttpRequest.BodyPublishers.ofString("sent after 100")));
    assertEquals("sent after 100", r.body());
  }

  @Test
  void http10RequestIsAnsweredAndClosed() throws Exception {
    start((ctx, req) -> Response.text(req.protocol()));
    String reply = raw("GET / HTTP/1.0\r\n\r\n", 10_000);
    assertTrue(reply.startsWith("HTTP/1.1 200"), reply); // a server answers with its own version (RFC 9110 2.5)
    assertTrue(reply.endsWith("HTTP/1.0"), reply);
  }

  @Test
  void headAnswersHeadersWithoutBody() throws Exception {
    start((ctx, req) -> Response.text("twelve bytes"));
    String reply = raw("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10_000);
    assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
    assertTrue(reply.contains("Content-Length: 12\r\n"), reply);
    assertTrue(reply.endsWith("\r\n\r\n"), reply);
  }

  @Test
  void noContentHasNoBodyNorLength() throws Exception {
    start((ctx, req) -> Response.status(204));
    String reply = raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10_000);
    assertTrue(reply.startsWith("HTTP/1.1 204"), reply);
    assertFalse(reply.toLowerCase(java.util.Locale.ROOT).contains("content-length"), reply);
  }

  @Test
  void repeatedResponseHeadersAreKept() throws Exception {
    start((ctx, req) -> Response.text("ok").addHeader("Set-Cookie", "a=1").addHeader("Set-Cookie", "b=2"));
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")));
    assertEquals(java.util.List.of("a=1", "b=2"), r.headers().allValues("Set-Cookie"));
  }

  @Test
  void streamedBodyIsChunked() throws Exception {
    start((ctx, req) -> Response.stream(200, "text/plain", (c, out) -> {
      for (int i = 0; i < 1000; i++) {
        out.write(("line " + i + "\n").getBytes(UTF_8));
      }
    }));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      while (!got.toString(ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        got.write(b);
      }
      String reply = got.toString(ISO_8859_1);
      assertTrue(reply.contains("Transfer-Encoding: chunked"), reply.substring(0, 200));
      assertTrue(reply.contains("line 999\n"));
      assertTrue(reply.endsWith("\r\n0\r\n\r\n"));
    }
  }

  @Test
  void connectionCloseFromStrandClosesTheConnection() throws Exception {
    start((ctx, req) -> Response.text("bye").withHeader("Connection", "close"));
    // Without a read timeout the read below would hang if the server kept the connection open.
    String reply = raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 10_000);
    assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
    assertTrue(reply.endsWith("bye"), reply);
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
    start((ctx, req) -> Response.text(req.target()));
    String reply = raw("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10_000);
    assertTrue(reply.contains("\r\n\r\n/1HTTP/1.1 200"), reply);
    assertTrue(reply.endsWith("/2"), reply);
  }

  @Test
  void bodyOverTheLimitGets413FromCore() throws Exception {
    start((ctx, req) -> Response.text("read " + req.bytes().orElseThrow().length), c -> c.withMaxBodyBytes(100));
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.ofString("y".repeat(101))));
    assertEquals(413, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void slowHandlerGets504AtTheDeadline() throws Exception {
    start((ctx, req) -> {
      Thread.sleep(10_000);
      return Response.text("late");
    }, c -> c.withRequestTimeout(Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(504, r.statusCode());
    assertTrue(ms < 300 + 2_000, "took " + ms + " ms");
  }

  @Test
  void handlerMayRunLongerThanTheIdleTimeout() throws Exception {
    start((ctx, req) -> {
      Thread.sleep(1_500);
      return Response.text("done");
    }, c -> c.withIdleTimeout(Duration.ofMillis(300)));
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")));
    assertEquals(200, r.statusCode());
    assertEquals("done", r.body());
  }

  @Test
  void headSlightlyOverTheLimitGets431FromStrand() throws Exception {
    start((ctx, req) -> Response.text("ok"), c -> c.withMaxHeaderBytes(2048));
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")).header("X-Big", "v".repeat(2100)));
    assertEquals(431, r.statusCode());
    assertTrue(r.headers().firstValue("X-Request-Id").isPresent(), "answered by Strand's core");
  }

  @Test
  void headFarOverTheLimitGets431ProblemFromJetty() throws Exception {
    start((ctx, req) -> Response.text("ok"), c -> c.withMaxHeaderBytes(2048));
    String reply = raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "v".repeat(20_000) + "\r\n\r\n", 10_000);
    assertTrue(reply.startsWith("HTTP/1.1 431"), reply);
    assertTrue(reply.contains("application/problem+json"), reply);
    String longLine = raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 10_000);
    assertTrue(longLine.startsWith("HTTP/1.1 431"), longLine);
  }

  @Test
  void malformedRequestGets400Problem() throws Exception {
    start((ctx, req) -> Response.text("ok"));
    String reply = raw("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 10_000);
    assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
    assertTrue(reply.contains("application/problem+json"), reply);
    assertFalse(reply.contains("Jetty"), reply);
  }

  @Test
  void slowRequestHeadIsCutAtTheReadHeaderTimeout() throws Exception {
    start((ctx, req) -> Response.text("ok"), c -> c.withReadHeaderTimeout(Duration.ofMillis(400)));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      long t0 = System.nanoTime();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(ISO_8859_1));
      int first = s.getInputStream().read(); // the head never completes
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(-1, first);
      assertTrue(ms >= 300 && ms < 400 + 2_000, "closed after " + ms + " ms");
    }
  }

  @Test
  void idleKeepAliveConnectionOutlivesTheReadHeaderTimeout() throws Exception {
    start((ctx, req) -> Response.text("ok"), c -> c.withReadHeaderTimeout(Duration.ofMillis(200)));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(10_000);
      for (int i = 0; i < 2; i++) {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
        assertTrue(readResponse(s.getInputStream()).startsWith("HTTP/1.1 200"));
        Thread.sleep(800); // idle between requests: the idle timeout's business, not the header timeout's
      }
    }
  }

  @Test
  void keepAliveConnectionIsClosedAfterTheIdleTimeoutEveryTime() throws Exception {
    start((ctx, req) -> Response.text("ok"), c -> c.withIdleTimeout(Duration.ofMillis(500)).withReadHeaderTimeout(Duration.ofSeconds(5)));
    for (int i = 0; i < 2; i++) { // the second time checks Jetty did not restore a longer timeout
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        s.setSoTimeout(10_000);
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
        assertTrue(readResponse(s.getInputStream()).startsWith("HTTP/1.1 200"));
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
        assertTrue(readResponse(s.getInputStream()).startsWith("HTTP/1.1 200"));
        long t0 = System.nanoTime();
        assertEquals(-1, s.getInputStream().read());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 300 && ms < 500 + 2_000, "closed after " + ms + " ms");
      }
    }
  }

  @Test
  void newConnectionWaitsForItsFirstHeadUntilTheReadHeaderTimeoutNotTheIdleTimeout() throws Exception {
    start((ctx, req) -> Response.text("ok"), c -> c.withIdleTimeout(Duration.ofMillis(300)).withReadHeaderTimeout(Duration.ofMillis(1500)));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(10_000);
      long t0 = System.nanoTime();
      assertEquals(-1, s.getInputStream().read());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 1_400 && ms < 1_500 + 2_000, "closed after " + ms + " ms");
    }
  }

  /** Reads one response with a Content-Length body. */
  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head.toString(ISO_8859_1));
      }
      head.write(b);
    }
    String h = head.toString(ISO_8859_1);
    int at = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
    int n = Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)).trim());
    return h + new String(in.readNBytes(n), ISO_8859_1);
  }

  @Test
  void headersKeepRepeatsInOrder() throws Exception {
    start((ctx, req) -> Response.text(String.join(",", req.headers().all("X-A"))));
    assertEquals("1,2", raw("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nX-A: 2\r\nConnection: close\r\n\r\n", 10_000).split("\r\n\r\n", 2)[1]);
  }

}
