package dev.strand.undertow;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.ContextError;
import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How soon the Undertow backend learns that a client left, and that watching for it keeps pipelining intact. */
class UndertowClientGoneTest {

  private Server server;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CompletableFuture<ContextError.Cause> ended = new CompletableFuture<>();

  @AfterEach
  void stop() {
    server.shutdown(Duration.ofMillis(200));
  }

  private void start(boolean readBody) {
    server =
        Server.start(
            (ctx, r) -> {
              if (readBody) {
                r.bodyStream().readAllBytes();
              }
              var unused = ctx.onDone(() -> ended.complete(ctx.err().orElseThrow().cause()));
              entered.countDown();
              Thread.sleep(30_000);
              return Response.text("late");
            },
            ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withAccessLog(false).withBackend(new UndertowBackend()));
  }

  private void sendThenLeave(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(request.getBytes(US_ASCII));
      assertTrue(entered.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void clientLeavingDuringABodilessRequestCancelsItsContextAtOnce() throws Exception {
    start(false);
    sendThenLeave("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(ContextError.Cause.CLIENT_GONE, ended.get(5, TimeUnit.SECONDS));
  }

  @Test
  void clientLeavingAfterItsBodyWasReadCancelsItsContextAtOnce() throws Exception {
    start(true);
    sendThenLeave("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    assertEquals(ContextError.Cause.CLIENT_GONE, ended.get(5, TimeUnit.SECONDS));
  }

  @Test
  void clientLeavingAfterAChunkedBodyWasReadCancelsItsContextAtOnce() throws Exception {
    start(true);
    sendThenLeave("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertEquals(ContextError.Cause.CLIENT_GONE, ended.get(5, TimeUnit.SECONDS));
  }

  @Test
  void requestPipelinedWhileTheFirstRunsIsServedAfterIt() throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server =
        Server.start(
            (ctx, r) -> {
              if (r.path().equals("/first")) {
                first.countDown();
                release.await();
              }
              return Response.text(r.path());
            },
            ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withAccessLog(false).withBackend(new UndertowBackend()));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET /first HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      assertTrue(first.await(10, TimeUnit.SECONDS));
      // The second request arrives while the first is in its handler: the watch reads it and must give it back.
      s.getOutputStream().write("GET /second HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      s.getOutputStream().flush();
      Thread.sleep(200); // let the I/O thread see the second request before the first answers
      release.countDown();
      InputStream in = s.getInputStream();
      assertTrue(readResponse(in).endsWith("/first"));
      assertTrue(readResponse(in).endsWith("/second"));
      // The connection is still usable afterwards.
      s.getOutputStream().write("GET /third HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      assertTrue(readResponse(in).endsWith("/third"));
    }
  }

  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    while (!buf.toString(US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("EOF in head: " + buf.toString(US_ASCII));
      }
      buf.write(b);
    }
    String head = buf.toString(US_ASCII);
    int cl = head.toLowerCase().indexOf("content-length: ");
    int n = Integer.parseInt(head.substring(cl + 16, head.indexOf('\r', cl)).trim());
    return head + new String(in.readNBytes(n), US_ASCII);
  }
}
