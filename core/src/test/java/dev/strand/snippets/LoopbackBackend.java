package dev.strand.snippets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strand.Headers;
import dev.strand.spi.Backend;
import dev.strand.spi.Capabilities;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Exchange;
import dev.strand.spi.Listener;
import dev.strand.spi.Settings;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A minimal backend over the JDK's {@code com.sun.net.httpserver}: the example of
 * {@code docs/writing-a-backend.md}, and the server under the Server snippets in core's own tests,
 * where no real backend is on the class path. It passes ServerContract, RoutingContract,
 * ProblemContract and LifecycleContract; it keeps no read-header or idle timeout, which LimitsContract requires. The
 * real one is {@code strand-backend-jdkhttp}. Not registered with ServiceLoader: tests pass it with
 * {@code ServerConfig.withBackend(Backend)}.
 */
final class LoopbackBackend implements Backend {

  @Override
  public String name() {
    return "loopback";
  }

  @Override
  public Capabilities capabilities() {
    // The JDK server never tells a handler that its client left; a write after it left fails.
    return new Capabilities(
        Capabilities.ClientGone.NEVER, Capabilities.OversizedHead.STATUS_431, "a sketch: no header timeouts");
  }

  @Override
  public Listener start(Settings settings, Dispatcher dispatcher) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    server.setExecutor(settings.executor()); // a virtual thread per request, from Strand
    server.createContext("/", http -> {
      JdkExchange exchange = new JdkExchange(http);
      dispatcher.dispatch(exchange); // Strand does all the rest
      if (exchange.aborted) {
        throw new IOException("strand: exchange aborted"); // makes the JDK drop the connection
      }
      http.close();
    });
    server.start();
    return new Listener() {
      @Override
      public InetSocketAddress localAddress() {
        return server.getAddress();
      }

      @Override
      public void stopAccepting() {
        // com.sun.net.httpserver cannot stop accepting alone; Strand answers 503 meanwhile
      }

      @Override
      public void close() {
        server.stop(0);
      }
    };
  }

  /** One request and its answer, translated between the JDK's types and Strand's. */
  private static final class JdkExchange implements Exchange {
    private final HttpExchange http;
    private OutputStream body; // set once the response has begun
    private boolean aborted;

    JdkExchange(HttpExchange http) {
      this.http = http;
    }

    @Override
    public String method() {
      return http.getRequestMethod();
    }

    @Override
    public String target() {
      URI uri = http.getRequestURI();
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (uri.getScheme() == null && uri.getRawAuthority() != null) {
        path = "//" + uri.getRawAuthority() + path; // "//a/b" is a path, though URI reads "a" as a host
      } else if (uri.getScheme() != null && path.isEmpty()) {
        path = "/"; // absolute form, "http://host", reduced to its path
      }
      String query = uri.getRawQuery();
      return query == null ? path : path + "?" + query;
    }

    @Override
    public String protocol() {
      return http.getProtocol();
    }

    @Override
    public Headers requestHeaders() {
      Headers.Builder b = Headers.trustedBuilder(); // the server parsed and checked them
      for (Map.Entry<String, List<String>> e : http.getRequestHeaders().entrySet()) {
        for (String v : e.getValue()) {
          b.add(e.getKey(), v);
        }
      }
      return b.build();
    }

    @Override
    public long requestContentLength() {
      String v = http.getRequestHeaders().getFirst("Content-Length");
      return v == null ? -1 : Long.parseLong(v.trim());
    }

    @Override
    public InputStream requestBody() {
      return new FilterInputStream(http.getRequestBody()) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return len == 0 ? 0 : in.read(b, off, len); // the JDK's chunked stream blocks on a 0-byte read
        }
      };
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return http.getRemoteAddress();
    }

    @Override
    public OutputStream respond(int status, Headers headers, long contentLength) throws IOException {
      headers.forEach((name, value) -> http.getResponseHeaders().add(name, value));
      boolean noBody = contentLength == 0 || http.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
      // The JDK's encoding of the length: -1 no body, 0 chunked, n fixed.
      http.sendResponseHeaders(status, noBody ? -1 : contentLength < 0 ? 0 : contentLength);
      body = http.getResponseBody();
      return body;
    }

    @Override
    public void abort() {
      aborted = true;
      if (body == null) {
        return; // nothing sent yet: the exception thrown after dispatch drops the connection
      }
      // Mid-body the JDK cannot drop a connection, and ending the body would make a cut response look
      // complete. A blocking write by an interrupted thread closes the channel instead.
      boolean wasInterrupted = Thread.interrupted();
      Thread.currentThread().interrupt();
      try {
        body.write(0);
        body.flush();
      } catch (IOException | RuntimeException expected) {
        // the channel is closed, as intended
      } finally {
        Thread.interrupted();
        if (wasInterrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
