package dev.strand.internal;

import dev.strand.Headers;
import dev.strand.spi.Exchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A FakeExchange is an in-memory {@link Exchange} for driving {@link Pipeline#dispatch} directly. */
final class FakeExchange implements Exchange {
  private final String method;
  private final String target;
  private final Headers headers;
  private final byte[] body;
  private final long declared;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private volatile Runnable clientGone;
  private volatile int status;
  private volatile Headers responseHeaders;
  private volatile long responseLength = Long.MIN_VALUE;
  private volatile boolean aborted;
  private volatile boolean failWrites;

  FakeExchange(String method, String target) {
    this(method, target, Headers.empty(), new byte[0], 0);
  }

  FakeExchange(String method, String target, Headers headers, byte[] body, long declared) {
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.body = body;
    this.declared = declared;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public String protocol() {
    return "HTTP/1.1";
  }

  @Override
  public Headers requestHeaders() {
    return headers;
  }

  @Override
  public long requestContentLength() {
    return declared;
  }

  @Override
  public InputStream requestBody() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);
  }

  @Override
  public synchronized OutputStream respond(int status, Headers headers, long contentLength) throws IOException {
    if (failWrites) {
      throw new IOException("broken pipe");
    }
    if (responseHeaders != null) {
      throw new IllegalStateException("respond called twice");
    }
    this.status = status;
    this.responseHeaders = headers;
    this.responseLength = contentLength;
    return out;
  }

  @Override
  public void abort() {
    aborted = true;
  }

  @Override
  public void onClientGone(Runnable action) {
    this.clientGone = action;
  }

  /** Makes every response fail as a connection the client closed does. */
  FakeExchange failingWrites() {
    failWrites = true;
    return this;
  }

  /** Plays the client closing its connection. */
  void clientLeaves() {
    Runnable r = clientGone;
    if (r != null) {
      r.run();
    }
  }

  boolean hasClientGoneHook() {
    return clientGone != null;
  }

  int status() {
    return status;
  }

  boolean responded() {
    return responseHeaders != null;
  }

  Headers responseHeaders() {
    return responseHeaders;
  }

  long responseLength() {
    return responseLength;
  }

  boolean aborted() {
    return aborted;
  }

  synchronized String bodyText() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
