package dev.strand.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import dev.strand.Headers;
import dev.strand.spi.Exchange;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** JdkExchange presents one {@link HttpExchange} to Strand as an {@link Exchange}. */
final class JdkExchange implements Exchange {

  private final HttpExchange http;
  private Headers headers;
  private OutputStream body;
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
      path = "//" + uri.getRawAuthority() + path; // a path starting with "//", which URI reads as a host
    } else if (uri.getScheme() != null && path.isEmpty()) {
      path = "/"; // absolute form without a path
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
    if (headers == null) {
      Headers.Builder b = Headers.trustedBuilder();
      for (Map.Entry<String, List<String>> e : http.getRequestHeaders().entrySet()) {
        for (String v : e.getValue()) {
          b.add(e.getKey(), v);
        }
      }
      headers = b.build();
    }
    return headers;
  }

  @Override
  public long requestContentLength() {
    if (http.getRequestHeaders().containsKey("Transfer-Encoding")) {
      return -1; // chunked: the JDK refuses any other coding
    }
    String cl = http.getRequestHeaders().getFirst("Content-Length");
    if (cl == null) {
      return -1;
    }
    try {
      return Long.parseLong(cl.trim()); // the JDK has refused a malformed one already
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public InputStream requestBody() {
    return new ZeroSafe(http.getRequestBody());
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return http.getRemoteAddress();
  }

  @Override
  public OutputStream respond(int status, Headers strandHeaders, long contentLength) throws IOException {
    if (body != null) {
      throw new IllegalStateException("strand: respond called twice");
    }
    com.sun.net.httpserver.Headers out = http.getResponseHeaders();
    strandHeaders.forEach((name, value) -> out.remove(name)); // the JDK may have set Connection
    strandHeaders.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
            out.add(name, value);
          }
        });
    boolean head = "HEAD".equals(http.getRequestMethod());
    boolean bodiless = head || status == 204 || status == 304 || status < 200;
    if (head && contentLength >= 0) {
      out.set("Content-Length", Long.toString(contentLength)); // what a GET would have sent
    }
    // The JDK's own code: 0 means chunked, -1 means no body.
    long jdkLength = bodiless || contentLength == 0 ? -1 : contentLength < 0 ? 0 : contentLength;
    body = http.getResponseBody();
    http.sendResponseHeaders(status, jdkLength);
    return body;
  }

  @Override
  public void abort() {
    if (aborted) {
      return;
    }
    aborted = true;
    if (body == null) {
      http.close(); // no response begun: the JDK closes the connection at once
      return;
    }
    // Mid-response the JDK offers no way to drop the connection, but a blocking channel write by an
    // interrupted thread closes the channel before writing anything. Bridge then throws, and the
    // JDK forgets the connection.
    boolean wasInterrupted = Thread.interrupted();
    Thread.currentThread().interrupt();
    try {
      body.write(0);
      body.flush();
    } catch (IOException | RuntimeException e) {
      // expected: the channel is closed
    } finally {
      Thread.interrupted();
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * ZeroSafe answers a read of zero bytes with 0 at once, as InputStream promises: the JDK's chunked
   * body stream instead blocks for the next chunk, which {@code readNBytes} asks for.
   */
  private static final class ZeroSafe extends FilterInputStream {
    ZeroSafe(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return len == 0 ? 0 : in.read(b, off, len);
    }
  }

  /** Tells whether a response was begun and the exchange not aborted. */
  boolean completed() {
    return body != null && !aborted;
  }
}
