package dev.strand.undertow;

import dev.strand.Headers;
import dev.strand.spi.Exchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import org.xnio.IoUtils;

/** One Undertow request as Strand sees it; used on the request's virtual thread in blocking mode. */
final class UndertowExchange implements Exchange {

  private final HttpServerExchange exchange;
  private String target;
  private Headers headers;

  UndertowExchange(HttpServerExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public String method() {
    return exchange.getRequestMethod().toString();
  }

  @Override
  public String target() {
    if (target == null) {
      // With DECODE_URL off, the request URI is the target's path exactly as sent, still encoded.
      String path = exchange.getRequestURI();
      if (exchange.isHostIncludedInRequestURI()) {
        path = pathOfAbsolute(path);
      }
      String query = exchange.getQueryString();
      target = query.isEmpty() ? path : path + "?" + query;
    }
    return target;
  }

  /** Reduces an absolute-form target such as {@code http://host:8080/a} to its path. */
  static String pathOfAbsolute(String uri) {
    int scheme = uri.indexOf("://");
    if (scheme < 0) {
      return uri; // authority-form (CONNECT); Strand refuses it
    }
    int slash = uri.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : uri.substring(slash);
  }

  @Override
  public String protocol() {
    return exchange.getProtocol().toString();
  }

  @Override
  public Headers requestHeaders() {
    if (headers == null) {
      Headers.Builder b = Headers.trustedBuilder();
      for (HeaderValues values : exchange.getRequestHeaders()) {
        String name = values.getHeaderName().toString();
        for (String value : values) {
          b.add(name, value);
        }
      }
      headers = b.build();
    }
    return headers;
  }

  @Override
  public long requestContentLength() {
    return exchange.getRequestContentLength();
  }

  @Override
  public InputStream requestBody() {
    return exchange.getInputStream();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return exchange.getSourceAddress();
  }

  @Override
  public OutputStream respond(int status, Headers responseHeaders, long contentLength) throws IOException {
    if (!exchange.getConnection().isOpen()) {
      throw new IOException("strand: the client closed the connection");
    }
    exchange.setStatusCode(status);
    HeaderMap out = exchange.getResponseHeaders();
    responseHeaders.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
            out.add(HttpString.tryFromString(name), value);
          }
        });
    if (contentLength >= 0) {
      out.put(io.undertow.util.Headers.CONTENT_LENGTH, contentLength);
    }
    return exchange.getOutputStream();
  }

  @Override
  public void abort() {
    IoUtils.safeClose(exchange.getConnection());
  }
}
