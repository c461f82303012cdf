package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Server;
import dev.strand.ServerConfig;
import dev.strand.ShutdownReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerSnippetsTest {

  private static ServerConfig onLoopback() {
    return ServerSnippets.config().withHost("127.0.0.1").withPort(0).withBackend(new LoopbackBackend());
  }

  private static HttpResponse<String> get(Server server, String path) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void configHoldsWhatItShows() {
    ServerConfig c = ServerSnippets.config();
    assertEquals(8080, c.port());
    assertEquals(Duration.ofSeconds(2), c.requestTimeout());
    assertEquals(1024 * 1024, c.maxBodyBytes());
    assertEquals(Duration.ofSeconds(10), c.shutdownGrace());
  }

  @Test
  void startedServerAnswersOverHttpAndStopsCleanly() throws Exception {
    Server server = ServerSnippets.start(UserApiSnippets.HELLO, onLoopback());
    HttpResponse<String> r = get(server, "/");
    assertEquals(200, r.statusCode());
    assertEquals("Hello from Strand", r.body());
    assertTrue(r.headers().firstValue("X-Request-Id").isPresent());
    ShutdownReport report = ServerSnippets.stop(server);
    assertEquals(0, report.cut());
    assertThrows(IOException.class, () -> get(server, "/"));
  }

  @Test
  void untilSigtermReturnsOnceTheServerHasShutDown() throws Exception {
    Server server = ServerSnippets.start(UserApiSnippets.HELLO, onLoopback());
    CountDownLatch returned = new CountDownLatch(1);
    Thread main = Thread.ofVirtual().start(() -> {
      try {
        ServerSnippets.untilSigterm(server);
        returned.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertEquals(200, get(server, "/").statusCode());
    server.close();
    assertTrue(returned.await(10, TimeUnit.SECONDS), "awaitShutdown did not return");
    main.join();
  }
}
