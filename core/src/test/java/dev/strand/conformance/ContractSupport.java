package dev.strand.conformance;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.strand.BodyWriter;
import dev.strand.Handler;
import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ServerConfig;
import dev.strand.spi.Backend;
import dev.strand.spi.Capabilities;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ContractSupport is what every conformance contract shares: the backend under test, servers on
 * loopback, an HTTP client and raw sockets, and assertions on Strand's problem responses.
 *
 * <p>A backend is tested by extending each contract class with one line:
 *
 * <pre>{@code
 * class MyServerTest extends ServerContract {
 *   protected Backend backend() { return new MyBackend(); }
 * }
 * }</pre>
 *
 * <p>Every server the suite starts listens on 127.0.0.1, port 0, with {@link #IDLE_TIMEOUT} as its
 * idle timeout (the same for all, since some servers apply it JVM-wide), and is shut down after
 * each test.
 */
public abstract class ContractSupport {

  /** The idle timeout of every server the suite starts. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

  /** How long any single wait in the suite may take before the test fails. */
  protected static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final JsonMapper JSON = JsonMapper.shared();

  private final List<Server> servers = new CopyOnWriteArrayList<>();
  private final List<Closeable> closeables = new CopyOnWriteArrayList<>();
  private HttpClient client;

  /** Creates the contract. */
  protected ContractSupport() {}

  /**
   * Returns a new instance of the backend under test.
   *
   * @return the backend
   */
  protected abstract Backend backend();

  /**
   * Returns what the backend under test declares it can do.
   *
   * @return its capabilities
   */
  protected final Capabilities capabilities() {
    return backend().capabilities();
  }

  /**
   * Returns the configuration every test starts from: loopback, port 0, the backend under test.
   *
   * @return the base configuration
   */
  protected ServerConfig config() {
    return ServerConfig.defaults()
        .withHost("127.0.0.1")
        .withPort(0)
        .withBackend(backend())
        .withIdleTimeout(IDLE_TIMEOUT)
        .withShutdownGrace(Duration.ofSeconds(5));
  }

  /**
   * Starts a server with the base configuration.
   *
   * @param handler what it serves
   * @return the running server, shut down after the test
   */
  protected final Server start(Handler handler) {
    return start(handler, c -> c);
  }

  /**
   * Starts a server with the base configuration changed by {@code tweak}.
   *
   * @param handler what it serves
   * @param tweak changes to the configuration
   * @return the running server, shut down after the test
   */
  protected final Server start(Handler handler, UnaryOperator<ServerConfig> tweak) {
    Server s = Server.start(handler, tweak.apply(config()));
    servers.add(s);
    return s;
  }

  @AfterEach
  final void stopEverything() throws IOException {
    for (Closeable c : closeables) {
      try {
        c.close();
      } catch (IOException e) {
        // closing what a test left open; nothing to report
      }
    }
    for (Server s : servers) {
      var unused = s.shutdown(Duration.ZERO);
    }
    if (client != null) {
      client.close();
    }
  }

  /**
   * Returns an HTTP/1.1 client for this test, closed after it.
   *
   * @return the client
   */
  protected final HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return client;
  }

  /**
   * Returns the URI of {@code target} on {@code server}.
   *
   * @param server the server
   * @param target path and query, percent-encoded
   * @return the URI
   */
  protected static URI uri(Server server, String target) {
    return URI.create("http://127.0.0.1:" + server.port() + target);
  }

  /**
   * Returns a request builder for {@code target} on {@code server} with the suite's timeout.
   *
   * @param server the server
   * @param target path and query, percent-encoded
   * @return the builder
   */
  protected static HttpRequest.Builder request(Server server, String target) {
    return HttpRequest.newBuilder(uri(server, target)).timeout(PATIENCE);
  }

  /**
   * Sends a request and reads the body as text.
   *
   * @param request the request
   * @return the response
   * @throws Exception if the exchange fails
   */
  protected final HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends {@code GET target}.
   *
   * @param server the server
   * @param target path and query, percent-encoded
   * @return the response
   * @throws Exception if the exchange fails
   */
  protected final HttpResponse<String> get(Server server, String target) throws Exception {
    return send(request(server, target));
  }

  /**
   * Sends {@code GET target} without waiting for the answer.
   *
   * @param server the server
   * @param target path and query, percent-encoded
   * @return the response, once it arrives
   */
  protected final CompletableFuture<HttpResponse<String>> getAsync(Server server, String target) {
    return client().sendAsync(request(server, target).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Returns a handler that always throws an {@link IllegalStateException}: a panic.
   *
   * @param message the exception's message
   * @return the handler
   */
  protected static Handler throwing(String message) {
    return (ctx, r) -> {
      throw new IllegalStateException(message);
    };
  }

  /**
   * Holds a handler: counts {@code inside} down, then waits for {@code release} at most {@link
   * #PATIENCE}.
   *
   * @param inside counted down once the handler is running
   * @param release what the handler waits for
   * @throws InterruptedException if the handler is interrupted while it waits
   */
  protected static void hold(CountDownLatch inside, CountDownLatch release) throws InterruptedException {
    inside.countDown();
    release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Returns a handler that {@linkplain #hold holds} requests for {@code /hold}, then answers every
   * request as {@code next} does.
   *
   * @param inside counted down once a request for {@code /hold} is running
   * @param release what a request for {@code /hold} waits for
   * @param next the answer
   * @return the handler
   */
  protected static Handler holdingOnHold(CountDownLatch inside, CountDownLatch release, Handler next) {
    return (ctx, r) -> {
      if (r.path().equals("/hold")) {
        hold(inside, release);
      }
      return next.serve(ctx, r);
    };
  }

  /**
   * Sends {@code POST /users} with the given Content-Type and body.
   *
   * @param server the server
   * @param contentType the Content-Type header
   * @param body the body
   * @return the response
   * @throws Exception if the exchange fails
   */
  protected final HttpResponse<String> postUser(Server server, String contentType, String body) throws Exception {
    return send(request(server, "/users").header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Returns a streamed {@code 200 text/plain} response that writes and flushes {@code first}, then
   * hands the stream to {@code rest}.
   *
   * @param first the text sent and flushed first
   * @param rest what the writer does next
   * @return the response
   */
  protected static Response flushedThen(String first, BodyWriter rest) {
    return Response.stream(
        200,
        "text/plain",
        (c, out) -> {
          out.write(first.getBytes(UTF_8));
          out.flush();
          rest.writeTo(c, out);
        });
  }

  /**
   * Opens a raw connection to {@code server}, closed after the test.
   *
   * @param server the server
   * @return the connection
   * @throws IOException if it cannot connect
   */
  protected final Raw raw(Server server) throws IOException {
    Raw r = new Raw(server.port());
    closeables.add(r);
    return r;
  }

  /**
   * Returns a minimal HTTP/1.1 request head: request line, {@code Host}, the given header lines,
   * and the blank line.
   *
   * @param method the method
   * @param target the target
   * @param headerLines lines such as {@code "Content-Length: 5"}
   * @return the head, CRLF-terminated
   */
  protected static String head(String method, String target, String... headerLines) {
    StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : headerLines) {
      sb.append(h).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  /**
   * Parses a JSON text.
   *
   * @param text the JSON
   * @return the tree
   */
  protected static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /**
   * Asserts that {@code response} is an RFC 9457 problem with {@code status} that reveals nothing
   * of the server's internals, and returns its body.
   *
   * @param status the status expected
   * @param response the response
   * @return the problem body
   */
  protected static JsonNode assertProblem(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), () -> "status; body: " + response.body());
    return assertProblemBody(
        status, response.headers().firstValue("Content-Type").orElse(null), response.body());
  }

  /**
   * Asserts that a raw response is an RFC 9457 problem with {@code status}, and returns its body.
   *
   * @param status the status expected
   * @param response the response
   * @return the problem body
   */
  protected static JsonNode assertProblem(int status, RawResponse response) {
    assertEquals(status, response.status(), () -> "status; response:\n" + response);
    return assertProblemBody(status, response.header("Content-Type"), response.text());
  }

  private static JsonNode assertProblemBody(int status, String contentType, String body) {
    assertNotNull(contentType, "a problem response needs a Content-Type");
    assertTrue(
        contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json"),
        () -> "Content-Type of a problem: " + contentType);
    JsonNode p = json(body);
    assertEquals(status, p.path("status").asInt(), () -> "problem status member: " + body);
    assertFalse(p.path("type").asString("").isEmpty(), () -> "problem without type: " + body);
    assertFalse(p.path("title").asString("").isEmpty(), () -> "problem without title: " + body);
    assertTrue(p.has("detail"), () -> "problem without detail: " + body);
    assertNoInternals(body);
    return p;
  }

  /**
   * Asserts that a response body shows no stack trace, class name or exception text.
   *
   * @param body the body
   */
  protected static void assertNoInternals(String body) {
    for (String leak : List.of("Exception", "\tat ", "at dev.", "at java.", "java.lang", "dev.strand.", "Caused by")) {
      assertFalse(body.contains(leak), () -> "the body reveals internals (" + leak + "): " + body);
    }
  }

  /**
   * Returns a printable string of {@code n} bytes, for headers and bodies of a given size.
   *
   * @param n the length
   * @return the string
   */
  protected static String filler(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + i % 26));
    }
    return sb.toString();
  }

  /**
   * Starts recording what logger {@code name} logs; skips the test unless Logback is the SLF4J
   * binding. Close it at the end of the test.
   *
   * @param name the logger, such as {@code dev.strand.server}
   * @return the capture
   */
  protected static LogCapture captureLogs(String name) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext"),
        "checking what is logged needs Logback as the SLF4J binding in the test class path");
    return new LogCapture(name);
  }

  /** A RawResponse is one HTTP response as read from a raw socket. */
  protected record RawResponse(int status, String head, Map<String, List<String>> headers, byte[] body) {

    /**
     * Returns the first value of a header.
     *
     * @param name the name, any case
     * @return the value, or null
     */
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Returns every value of a header.
     *
     * @param name the name, any case
     * @return the values
     */
    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * Returns the body as UTF-8 text.
     *
     * @return the text
     */
    public String text() {
      return new String(body, UTF_8);
    }

    @Override
    public String toString() {
      return head + (body.length > 2000 ? "[" + body.length + " bytes]" : text());
    }
  }

  /**
   * A Raw is a plain socket to a server, for what an HTTP client will not send: malformed or
   * pipelined requests, partial heads, connections left open or dropped.
   */
  protected static final class Raw implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Raw(int port) throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout((int) PATIENCE.toMillis());
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    /**
     * Writes text as ISO-8859-1 and flushes.
     *
     * @param text what to write
     * @return this
     * @throws IOException if writing fails
     */
    public Raw send(String text) throws IOException {
      return send(text.getBytes(ISO_8859_1));
    }

    /**
     * Writes bytes and flushes.
     *
     * @param bytes what to write
     * @return this
     * @throws IOException if writing fails
     */
    public Raw send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
      return this;
    }

    /**
     * Returns the socket, to change its timeout or shut it down half-way.
     *
     * @return the socket
     */
    public Socket socket() {
      return socket;
    }

    /**
     * Returns the socket's input, for reading a body piece by piece.
     *
     * @return the input stream
     */
    public InputStream input() {
      return in;
    }

    /**
     * Reads one final response (skipping 1xx) to a request that was not HEAD.
     *
     * @return the response
     * @throws IOException if the connection fails or closes first
     */
    public RawResponse read() throws IOException {
      return read(false);
    }

    /**
     * Reads one final response, skipping any 1xx.
     *
     * @param toHead true when the request was HEAD (the response then has no body)
     * @return the response
     * @throws IOException if the connection fails or closes first
     */
    public RawResponse read(boolean toHead) throws IOException {
      while (true) {
        RawResponse r = readOne(toHead);
        if (r.status() >= 200) {
          return r;
        }
      }
    }

    /**
     * Reads one response head and body, an interim 1xx included.
     *
     * @param toHead true when the request was HEAD
     * @return the response
     * @throws IOException if the connection fails or closes first
     */
    public RawResponse readOne(boolean toHead) throws IOException {
      String statusLine = line();
      if (statusLine == null) {
        throw new IOException("connection closed before a response");
      }
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not a status line: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      StringBuilder head = new StringBuilder(statusLine).append('\n');
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String l = line(); l != null && !l.isEmpty(); l = line()) {
        head.append(l).append('\n');
        int colon = l.indexOf(':');
        if (colon > 0) {
          headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .add(l.substring(colon + 1).trim());
        }
      }
      byte[] body;
      String te = first(headers, "transfer-encoding");
      String cl = first(headers, "content-length");
      if (toHead || status < 200 || status == 204 || status == 304) {
        body = new byte[0];
      } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        body = chunked();
      } else if (cl != null) {
        body = in.readNBytes(Integer.parseInt(cl));
        if (body.length != Integer.parseInt(cl)) {
          throw new IOException("body cut short: " + body.length + " of " + cl + " bytes");
        }
      } else {
        body = in.readAllBytes();
      }
      return new RawResponse(status, head.toString(), headers, body);
    }

    private static String first(Map<String, List<String>> headers, String name) {
      List<String> v = headers.get(name);
      return v == null ? null : v.get(0);
    }

    private byte[] chunked() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line();
        if (sizeLine == null) {
          throw new IOException("connection closed inside a chunked body");
        }
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        if (size == 0) {
          for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            // trailers: ignored
          }
          return body.toByteArray();
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length != size) {
          throw new IOException("connection closed inside a chunk");
        }
        body.write(chunk);
        line();
      }
    }

    /**
     * Reads one CRLF- or LF-terminated line.
     *
     * @return the line without its terminator, or null at end of stream
     * @throws IOException if reading fails
     */
    public String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          byte[] l = b.toByteArray();
          int n = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
          return new String(l, 0, n, ISO_8859_1);
        }
        b.write(c);
      }
      return b.size() == 0 ? null : b.toString(ISO_8859_1);
    }

    /**
     * Tells whether the server closes the connection within {@code within}, reading and discarding
     * nothing: a byte arriving instead counts as not closed.
     *
     * @param within how long to wait
     * @return true if the peer closed or reset the connection
     * @throws IOException if the socket fails otherwise
     */
    public boolean closedByPeer(Duration within) throws IOException {
      int old = socket.getSoTimeout();
      socket.setSoTimeout((int) Math.max(1, within.toMillis()));
      try {
        return in.read() < 0;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true; // reset
      } finally {
        if (!socket.isClosed()) {
          socket.setSoTimeout(old);
        }
      }
    }

    /**
     * Reads whatever answer the server gives before closing: a response, or nothing.
     *
     * @return the response, or null when the connection was closed or reset without one
     */
    public RawResponse readOrClosed() {
      try {
        return read();
      } catch (IOException e) {
        return null;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * Fails with {@code message} unless {@code condition} becomes true within {@link #PATIENCE},
   * polling every 10 ms.
   *
   * @param message what was awaited
   * @param condition the condition
   */
  protected static void eventually(String message, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting: " + message);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting: " + message);
      }
    }
  }
}
