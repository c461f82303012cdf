package dev.strand.jetty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Headers;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Exchange;
import dev.strand.spi.Listener;
import dev.strand.spi.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tests the backend through the SPI alone, with a small dispatcher instead of Strand's core. */
class JettyListenerTest {

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private Listener listener;

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
    executor.shutdownNow();
  }

  private Listener start(Dispatcher dispatcher) throws IOException {
    return start(dispatcher, Duration.ofSeconds(30));
  }

  private Listener start(Dispatcher dispatcher, Duration idle) throws IOException {
    Settings settings = new Settings("127.0.0.1", 0, Duration.ofSeconds(10), idle, 8192, executor);
    listener = new JettyBackend().start(settings, dispatcher);
    return listener;
  }

  private static void answer(Exchange ex, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = ex.respond(200, Headers.of("Content-Type", "text/plain"), body.length)) {
      out.write(body);
    } catch (IOException e) {
      ex.abort();
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(listener.localAddress());
    s.setSoTimeout(10_000);
    return s;
  }

  @Test
  void localAddressHasTheBoundPort() throws Exception {
    start(ex -> answer(ex, "ok"));
    assertTrue(listener.localAddress().getPort() > 0);
    assertEquals("127.0.0.1", listener.localAddress().getAddress().getHostAddress());
  }

  @Test
  void stopAcceptingRefusesNewConnectionsButOpenOnesGoOn() throws Exception {
    start(ex -> answer(ex, ex.target()));
    try (Socket open = connect()) {
      open.getOutputStream().write("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      assertTrue(JettyBackendTest.readResponse(open.getInputStream()).endsWith("/1"));
      InetSocketAddress address = listener.localAddress();
      listener.stopAccepting();
      assertThrows(ConnectException.class, () -> {
        try (Socket s = new Socket()) {
          s.connect(address, 5_000);
        }
      });
      open.getOutputStream().write("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      assertTrue(JettyBackendTest.readResponse(open.getInputStream()).endsWith("/2"));
      listener.stopAccepting(); // idempotent
    }
  }

  @Test
  void closeEndsOpenConnections() throws Exception {
    start(ex -> answer(ex, "ok"));
    try (Socket open = connect()) {
      open.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      JettyBackendTest.readResponse(open.getInputStream());
      listener.close();
      assertEquals(-1, open.getInputStream().read());
      listener.close(); // idempotent
    }
  }

  @Test
  void abortCutsTheResponseMidBody() throws Exception {
    start(ex -> {
      try {
        OutputStream out = ex.respond(200, Headers.of("Content-Type", "text/plain"), 100);
        out.write("partial".getBytes(ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the client reads what got through
      }
      ex.abort();
    });
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      String got = new String(s.getInputStream().readAllBytes(), ISO_8859_1);
      assertTrue(got.startsWith("HTTP/1.1 200"), got);
      assertTrue(got.endsWith("partial"), got);
    }
  }

  @Test
  void abortBeforeRespondingClosesWithoutAnswer() throws Exception {
    start(Exchange::abort);
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      assertEquals("", new String(s.getInputStream().readAllBytes(), ISO_8859_1));
    }
  }

  @Test
  void writeToAClientThatStopsReadingFailsAfterTheIdleTimeout() throws Exception {
    CountDownLatch failed = new CountDownLatch(1);
    long[] stalledMillis = new long[1];
    start(ex -> {
      long last = System.nanoTime();
      try {
        Thread.sleep(700); // longer than the idle timeout, without I/O: that alone must not fail the write
        OutputStream out = ex.respond(200, Headers.empty(), -1);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 10_000; i++) {
          out.write(chunk);
          out.flush();
          last = System.nanoTime();
        }
      } catch (IOException e) {
        stalledMillis[0] = (System.nanoTime() - last) / 1_000_000;
        failed.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.abort();
    }, Duration.ofMillis(500));
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      assertEquals('H', s.getInputStream().read()); // then never read again
      assertTrue(failed.await(20, TimeUnit.SECONDS));
    }
    assertTrue(stalledMillis[0] >= 400 && stalledMillis[0] < 500 + 2_000, "write failed after stalling " + stalledMillis[0] + " ms");
  }

  @Test
  void clientGoneIsNotNoticedWhileTheHandlerNeitherReadsNorWrites() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch gone = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(ex -> {
      ex.onClientGone(gone::countDown);
      running.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer(ex, "late");
    });
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      assertTrue(running.await(10, TimeUnit.SECONDS));
    }
    // ON_IO: Jetty does not read a connection while its request is handled, so it cannot see the close.
    assertFalse(gone.await(1, TimeUnit.SECONDS));
    release.countDown();
  }

  @Test
  void clientGoneIsNoticedOnTheNextBodyRead() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch gone = new CountDownLatch(1);
    start(ex -> {
      ex.onClientGone(gone::countDown);
      try (InputStream in = ex.requestBody()) {
        in.readNBytes(5);
        reading.countDown();
        in.readAllBytes();
      } catch (IOException e) {
        // the client left
      }
      ex.abort();
    });
    try (Socket s = connect()) {
      s.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhello".getBytes(ISO_8859_1));
      assertTrue(reading.await(10, TimeUnit.SECONDS));
    }
    assertTrue(gone.await(10, TimeUnit.SECONDS));
  }

  @Test
  void clientGoneIsNoticedOnResponseWrites() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    CountDownLatch gone = new CountDownLatch(1);
    CountDownLatch failed = new CountDownLatch(1);
    start(ex -> {
      ex.onClientGone(gone::countDown);
      running.countDown();
      try {
        closed.await(10, TimeUnit.SECONDS);
        OutputStream out = ex.respond(200, Headers.empty(), -1);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 1000; i++) {
          out.write(chunk);
          out.flush();
        }
      } catch (IOException e) {
        failed.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.abort();
    });
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      assertTrue(running.await(10, TimeUnit.SECONDS));
    }
    closed.countDown();
    assertTrue(failed.await(10, TimeUnit.SECONDS), "a write fails once the client is gone");
    System.out.println("client-gone listener after write failure: " + gone.await(2, TimeUnit.SECONDS));
  }
}
