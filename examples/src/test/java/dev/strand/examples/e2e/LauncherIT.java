package dev.strand.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: the real packaged launcher, {@code target/strand-examples/bin/strand-examples}, started
 * as a process on each backend, spoken to over HTTP on loopback.
 */
class LauncherIT {

  private static final Duration EXIT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private static String[] userApi(String backend, String... flags) {
    String[] base = {"user-api", "--backend", backend, "--host", "127.0.0.1", "--port", "0"};
    String[] all = new String[base.length + flags.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(flags, 0, all, base.length, flags.length);
    return all;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.headers().firstValue("X-Request-Id").isPresent(), "X-Request-Id missing: " + r + " " + r.headers().map());
    return r;
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
  }

  private HttpResponse<String> post(int port, String contentType, String body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static void assertProblem(int status, HttpResponse<String> r) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
    assertTrue(r.body().contains("\"status\":" + status), r.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"undertow", "jetty", "jdkhttp"})
  void userApiKeepsTheContract(String backend) throws Exception {
    try (Launched app = Launched.start(userApi(backend, "--max-body", "1024", "--db-latency", "20ms"))) {
      int port = app.awaitReady();
      assertEquals(backend, app.backend());

      HttpResponse<String> root = get(port, "/");
      assertEquals(200, root.statusCode());
      assertEquals("text/plain; charset=utf-8", root.headers().firstValue("Content-Type").orElse(""));
      assertEquals("Hello from Strand", root.body());

      HttpResponse<String> alice = get(port, "/user/1");
      assertEquals(200, alice.statusCode());
      assertEquals("application/json", alice.headers().firstValue("Content-Type").orElse(""));
      assertEquals("{\"id\":1,\"name\":\"Alice\"}", alice.body());

      assertProblem(404, get(port, "/user/2"));
      for (String id : List.of("abc", "0", "01", "-1", "9223372036854775808")) {
        assertProblem(400, get(port, "/user/" + id));
      }

      HttpResponse<String> created = post(port, "application/json", "{\"name\":\"Bob\"}");
      assertEquals(201, created.statusCode(), created.body());
      assertEquals("/user/2", created.headers().firstValue("Location").orElse(""));
      assertEquals("{\"id\":2,\"name\":\"Bob\"}", created.body());
      assertEquals("{\"id\":2,\"name\":\"Bob\"}", get(port, "/user/2").body());

      assertProblem(400, post(port, "application/json", "{\"name\":"));
      assertProblem(400, post(port, "application/json", "{\"name\":5}"));
      assertProblem(400, post(port, "application/json", "[]"));
      assertProblem(415, post(port, "text/plain", "{\"name\":\"Bob\"}"));
      HttpResponse<String> invalid = post(port, "application/json", "{\"name\":\"" + " ".repeat(101) + "\"}");
      assertProblem(422, invalid);
      assertTrue(invalid.body().contains("must not be blank") && invalid.body().contains("at most 100"), invalid.body());
      assertProblem(413, post(port, "application/json", "{\"name\":\"" + "a".repeat(2000) + "\"}"));

      HttpResponse<String> panic = get(port, "/panic");
      assertProblem(500, panic);
      assertFalse(panic.body().contains("Exception"), panic.body());
      String id = panic.headers().firstValue("X-Request-Id").orElseThrow();
      app.awaitStderr(l -> l.contains("ERROR") && l.contains("[" + id + "]"), Duration.ofSeconds(10));
      app.awaitStderr(l -> l.startsWith("java.lang.") && l.contains("IndexOutOfBoundsException"), Duration.ofSeconds(10));
      assertEquals(200, get(port, "/").statusCode(), "keeps serving after a panic");

      HttpResponse<String> health = get(port, "/healthz");
      assertEquals(200, health.statusCode());
      assertEquals("ok", health.body());

      assertProblem(404, get(port, "/nope"));
      HttpResponse<String> wrongMethod =
          send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/user/1")).DELETE());
      assertProblem(405, wrongMethod);
      assertTrue(wrongMethod.headers().firstValue("Allow").orElse("").contains("GET"), wrongMethod.headers().map().toString());

      HttpResponse<String> traced =
          send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/user/1")).header("X-Request-Id", "e2e-42"));
      assertEquals("e2e-42", traced.headers().firstValue("X-Request-Id").orElse(""));
      app.awaitStderr(l -> l.contains("\"GET /user/1 HTTP/1.1\" 200") && l.contains("id=e2e-42"), Duration.ofSeconds(10));

      app.terminate();
      assertEquals(0, app.awaitExit(EXIT), app.stderrText());
      assertEquals(List.of("stopped: 0 drained, 0 cut"), app.stdoutLines().subList(1, app.stdoutLines().size()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"undertow", "jetty", "jdkhttp"})
  void dbWaitPastTheDeadlineIs504AtTheDeadline(String backend) throws Exception {
    try (Launched app = Launched.start(userApi(backend, "--db-latency", "10s", "--timeout", "500ms"))) {
      int port = app.awaitReady();
      long start = System.nanoTime();
      HttpResponse<String> r = get(port, "/user/1");
      long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertProblem(504, r);
      assertTrue(ms >= 400 && ms < 2_500, "answered after " + ms + " ms");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"undertow", "jetty", "jdkhttp"})
  void sigtermLetsAnInFlightRequestFinishThenExits0(String backend) throws Exception {
    Map<String, String> debug = Map.of("STRAND_EXAMPLES_LOG_LEVEL", "DEBUG");
    try (Launched app =
        Launched.start(debug, userApi(backend, "--db-latency", "1500ms", "--timeout", "20s", "--shutdown-grace", "20s"))) {
      int port = app.awaitReady();
      CompletableFuture<HttpResponse<String>> inFlight =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/user/1")).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      app.awaitStderr(l -> l.contains("user 1: waiting"), Duration.ofSeconds(30));

      app.terminate();
      app.awaitStderr(l -> l.contains("shutting down"), Duration.ofSeconds(30));
      assertNotServed(port);

      HttpResponse<String> r = inFlight.get(30, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("{\"id\":1,\"name\":\"Alice\"}", r.body());
      assertEquals(0, app.awaitExit(EXIT), app.stderrText());
      assertEquals("stopped: 1 drained, 0 cut", app.stdoutLines().get(app.stdoutLines().size() - 1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"undertow", "jetty", "jdkhttp"})
  void sigtermCutsWhatOutlastsTheGraceThenExits0(String backend) throws Exception {
    Map<String, String> debug = Map.of("STRAND_EXAMPLES_LOG_LEVEL", "DEBUG");
    try (Launched app =
        Launched.start(debug, userApi(backend, "--db-latency", "30s", "--timeout", "60s", "--shutdown-grace", "300ms"))) {
      int port = app.awaitReady();
      CompletableFuture<HttpResponse<String>> inFlight =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/user/1")).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      app.awaitStderr(l -> l.contains("user 1: waiting"), Duration.ofSeconds(30));
      long start = System.nanoTime();
      app.terminate();
      assertEquals(0, app.awaitExit(EXIT), app.stderrText());
      long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(ms < 10_000, "took " + ms + " ms to stop");
      assertEquals("stopped: 0 drained, 1 cut", app.stdoutLines().get(app.stdoutLines().size() - 1));
      HttpResponse<String> r = inFlight.get(30, TimeUnit.SECONDS);
      assertProblem(503, r);
    }
  }

  /** After shutdown began, a new request is refused: 503, or no connection at all. */
  private void assertNotServed(int port) throws InterruptedException {
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> r =
          fresh.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertProblem(503, r);
    } catch (IOException refused) {
      // connection refused or closed: not served, as it should be
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"undertow", "jetty", "jdkhttp"})
  void helloAnswersTheRoot(String backend) throws Exception {
    try (Launched app = Launched.start("hello", "--backend", backend, "--host", "127.0.0.1", "--port", "0")) {
      int port = app.awaitReady();
      HttpResponse<String> r = get(port, "/");
      assertEquals(200, r.statusCode());
      assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
      assertEquals("Hello from Strand", r.body());
      assertProblem(404, get(port, "/other"));
      app.terminate();
      assertEquals(0, app.awaitExit(EXIT), app.stderrText());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"undertow", "jetty", "jdkhttp"})
  void portInUseExits1SayingWhy(String backend) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Launched app =
            Launched.start("user-api", "--backend", backend, "--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()))) {
      assertEquals(1, app.awaitExit(Duration.ofSeconds(60)), app.stderrText());
      assertEquals(List.of(), app.stdoutLines());
      String line = app.awaitStderr(l -> l.startsWith("strand-examples: "), Duration.ofSeconds(1));
      assertTrue(line.contains(Integer.toString(taken.getLocalPort())), line);
    }
  }

  @Test
  void badFlagExits2WithOneLineAndTheUsageOnStderr() throws Exception {
    try (Launched app = Launched.start("user-api", "--port", "abc")) {
      assertEquals(2, app.awaitExit(Duration.ofSeconds(60)));
      assertEquals(List.of(), app.stdoutLines());
      List<String> err = app.stderrLines();
      assertEquals(
          "strand-examples: invalid value \"abc\" for --port: must be a whole number from 0 to 65535 (0 for any free port)",
          err.get(0));
      assertEquals("usage: strand-examples <app> [flags]", err.get(1));
    }
    for (String[] args : List.of(new String[] {}, new String[] {"serve"}, new String[] {"user-api", "--db-latency", "10"},
        new String[] {"hello", "--timeout", "1s"}, new String[] {"user-api", "--backend", "netty"})) {
      try (Launched app = Launched.start(args)) {
        assertEquals(2, app.awaitExit(Duration.ofSeconds(60)), String.join(" ", args));
        assertTrue(app.stderrLines().get(0).startsWith("strand-examples: "), app.stderrText());
        assertTrue(app.stderrLines().contains("usage: strand-examples <app> [flags]"), app.stderrText());
      }
    }
  }

  @Test
  void helpPrintsTheUsageOnStdoutAndExits0() throws Exception {
    for (String flag : List.of("-h", "--help")) {
      try (Launched app = Launched.start("user-api", flag)) {
        assertEquals(0, app.awaitExit(Duration.ofSeconds(60)));
        List<String> out = app.stdoutLines();
        assertEquals("usage: strand-examples <app> [flags]", out.get(0));
        assertTrue(out.stream().anyMatch(l -> l.contains("--shutdown-grace")), String.join("\n", out));
        assertEquals(List.of(), app.stderrLines());
      }
    }
  }
}
