package dev.strand.undertow;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The tail of a response is written by Undertow's I/O thread once the handler is done; these cases
 * make that write block (a client that does not read yet) and check that every byte still arrives
 * and the connection stays usable.
 */
class UndertowSlowReaderTest {

  @Test
  void slowReaderGetsWholeResponsesOnOneConnection() throws Exception {
    byte[] big = new byte[4 * 1024 * 1024 + 5];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) ('a' + i % 26);
    }
    Server server =
        Server.start(
            (ctx, r) -> {
              if (r.path().equals("/stream")) {
                return Response.stream(200, "text/plain", (c, out) -> {
                  for (int i = 0; i < big.length; i += 1000) out.write(big, i, Math.min(1000, big.length - i));
                });
              }
              return Response.bytes(200, "text/plain", big);
            },
            ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withAccessLog(false).withBackend(new UndertowBackend()));
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(4096);
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(20_000);
      OutputStream o = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (String path : new String[] {"/stream", "/bytes", "/stream", "/bytes"}) {
        o.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(US_ASCII));
        o.flush();
        Thread.sleep(500); // the point of the test: a client that does not read yet, so the server blocks on the tail
        String head = readHead(in);
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        byte[] body;
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
          body = readChunked(in);
        } else {
          int n = Integer.parseInt(head.toLowerCase().split("content-length: ")[1].split("\r\n")[0].trim());
          body = in.readNBytes(n);
        }
        assertEquals(big.length, body.length, path);
        assertTrue(java.util.Arrays.equals(big, body), path);
      }
    } finally {
      server.shutdown(Duration.ofSeconds(1));
    }
  }

  @Test
  void pipelinedRequestsToAClientThatDoesNotReadAllGetAnswers() throws Exception {
    String text = "x".repeat(6000);
    Server server =
        Server.start(
            (ctx, r) -> Response.text(text),
            ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withAccessLog(false).withBackend(new UndertowBackend()));
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(4096);
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(20_000);
      OutputStream o = s.getOutputStream();
      InputStream in = s.getInputStream();
      int n = 3000;
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < n; i++) o.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
          o.flush();
        } catch (Exception e) { throw new RuntimeException(e); }
      });
      Thread.sleep(1000); // the point of the test: responses pile up while the client does not read
      for (int i = 0; i < n; i++) {
        String head = readHead(in);
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        int len = Integer.parseInt(head.toLowerCase().split("content-length: ")[1].split("\r\n")[0].trim());
        assertEquals(6000, in.readNBytes(len).length);
      }
      writer.join();
    } finally {
      server.shutdown(Duration.ofSeconds(1));
    }
  }

  private static String readHead(InputStream in) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c < 0) throw new IllegalStateException("eof: " + b);
      b.write(c);
      String s = b.toString(US_ASCII);
      if (s.endsWith("\r\n\r\n")) return s;
    }
  }

  private static String line(InputStream in) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c < 0) throw new IllegalStateException("eof");
      if (c == '\n') return b.toString(US_ASCII).trim();
      b.write(c);
    }
  }

  private static byte[] readChunked(InputStream in) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int n = Integer.parseInt(line(in), 16);
      if (n == 0) {
        line(in);
        return b.toByteArray();
      }
      b.write(in.readNBytes(n));
      line(in);
    }
  }
}
