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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A bare backend over the JDK's {@code com.sun.net.httpserver}, so the Server snippets run over real
 * HTTP inside core's own tests, where no real backend is on the class path. Tests pass it with
 * {@code ServerConfig.withBackend(Backend)}; it is not registered with ServiceLoader. The real one is
 * {@code strand-backend-jdkhttp}.
 */
final class LoopbackBackend implements Backend {

  @Override
  public String name() {
    return "loopback";
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(
        Capabilities.ClientGone.NEVER, Capabilities.OversizedHead.STATUS_431, "test only");
  }

  @Override
  public Listener start(Settings settings, Dispatcher dispatcher) throws java.io.IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    server.setExecutor(settings.executor());
    server.createContext("/", ex -> {
      try (ex) {
        dispatcher.dispatch(new JdkExchange(ex));
      }
    });
    server.start();
    return new Listener() {
      @Override
      public InetSocketAddress localAddress() {
        return server.getAddress();
      }

      @Override
      public void stopAccepting() {
        // com.sun.net.httpserver cannot stop accepting alone; close() stops it.
      }

      @Override
      public void close() {
        server.stop(0);
      }
    };
  }

  private record JdkExchange(HttpExchange ex) implements Exchange {
    @Override
    public String method() {
      return ex.getRequestMethod();
    }

    @Override
    public String target() {
      String query = ex.getRequestURI().getRawQuery();
      return ex.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
    }

    @Override
    public String protocol() {
      return ex.getProtocol();
    }

    @Override
    public Headers requestHeaders() {
      Headers.Builder b = Headers.trustedBuilder();
      for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
        for (String v : e.getValue()) {
          b.add(e.getKey(), v);
        }
      }
      return b.build();
    }

    @Override
    public long requestContentLength() {
      String v = ex.getRequestHeaders().getFirst("Content-Length");
      return v == null ? -1 : Long.parseLong(v.trim());
    }

    @Override
    public InputStream requestBody() {
      return ex.getRequestBody();
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return ex.getRemoteAddress();
    }

    @Override
    public OutputStream respond(int status, Headers headers, long contentLength) throws java.io.IOException {
      headers.forEach((name, value) -> ex.getResponseHeaders().add(name, value));
      boolean noBody = contentLength == 0 || ex.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
      ex.sendResponseHeaders(status, noBody ? -1 : contentLength < 0 ? 0 : contentLength);
      return ex.getResponseBody();
    }

    @Override
    public void abort() {
      ex.close();
    }
  }
}
