package dev.strand.jetty;

import dev.strand.Headers;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.IdleTimeout;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One Jetty request as a Strand {@link Exchange}; run on Strand's executor, it dispatches itself and
 * completes Jetty's callback exactly once when the dispatcher returns.
 */
final class JettyExchange implements Exchange, Runnable {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Dispatcher dispatcher;
  private final HeadTimeouts heads;
  private final EndPoint endPoint;
  private Headers headers;
  private InputStream body;
  private BodyStream out;
  private boolean completed;
  private Runnable clientGone;

  JettyExchange(Request request, Response response, Callback callback, Dispatcher dispatcher, HeadTimeouts heads) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.dispatcher = dispatcher;
    this.heads = heads;
    this.endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    // While a request is in flight Strand's deadline governs, not the connection's idle timeout;
    // a read or write that stalls that long still fails.
    request.addIdleTimeoutListener(t -> false);
  }

  @Override
  public void run() {
    try {
      dispatcher.dispatch(this);
    } finally {
      complete();
    }
  }

  private void complete() {
    if (completed) {
      return;
    }
    if (out == null) { // the dispatcher neither answered nor aborted: never leave Jetty waiting
      abort();
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      abort();
      return;
    }
    completed = true;
    heads.requestDone(request.getConnectionMetaData().getConnection());
    callback.succeeded();
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String target() {
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    String query = uri.getQuery();
    return query == null ? path : path + "?" + query;
  }

  @Override
  public String protocol() {
    return request.getConnectionMetaData().getHttpVersion().asString();
  }

  @Override
  public Headers requestHeaders() {
    if (headers == null) {
      HttpFields fields = request.getHeaders();
      Headers.Builder b = Headers.trustedBuilder();
      for (HttpField f : fields) {
        b.add(f.getName(), f.getValue());
      }
      headers = b.build();
    }
    return headers;
  }

  @Override
  public long requestContentLength() {
    return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
  }

  @Override
  public InputStream requestBody() {
    if (body == null) {
      HttpFields fields = request.getHeaders();
      boolean none = !fields.contains(HttpHeader.TRANSFER_ENCODING) && fields.getLongField(HttpHeader.CONTENT_LENGTH) <= 0;
      body = none ? InputStream.nullInputStream() : new BodyInput(Content.Source.asInputStream(request));
    }
    return body;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
    return a instanceof InetSocketAddress i ? i : null;
  }

  @Override
  public OutputStream respond(int status, Headers h, long contentLength) throws IOException {
    if (out != null) {
      throw new IllegalStateException("strand: respond was already called for this exchange");
    }
    response.setStatus(status);
    HttpFields.Mutable fields = response.getHeaders();
    h.forEach((name, value) -> {
      if (name.equalsIgnoreCase("Date")) {
        fields.put(HttpHeader.DATE, value);
      } else if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
        fields.add(name, value);
      }
    });
    boolean bodiless = status < 200 || status == 204 || status == 304;
    if (contentLength >= 0 && !bodiless) {
      fields.put(HttpHeader.CONTENT_LENGTH, contentLength);
    }
    out = new BodyStream("HEAD".equals(request.getMethod()) || bodiless ? 0 : contentLength);
    return out;
  }

  @Override
  public void abort() {
    if (completed) {
      return;
    }
    completed = true;
    EofException cause = new EofException("strand: response aborted"); // quiet: Jetty logs it at DEBUG
    endPoint.close(cause);
    callback.failed(cause);
  }

  /**
   * Jetty does not read a connection while its request is handled, so a client that left is learned
   * only when a body read or a response write fails; Jetty's failure listeners are not told then.
   */
  @Override
  public void onClientGone(Runnable action) {
    clientGone = action;
  }

  private IOException failed(IOException e) {
    Runnable action = clientGone;
    if (action != null && !timedOut(e)) {
      clientGone = null;
      action.run();
    }
    return e;
  }

  /**
   * Restarts the connection's idle clock as a read or write begins, so the idle timeout measures how
   * long that read or write stalls, not how long the handler ran before it: otherwise Jetty's idle
   * check, finding the connection quiet for that long, can fail a write that has only just begun.
   */
  private void touch() {
    if (endPoint instanceof IdleTimeout clock) {
      clock.notIdle();
    }
  }

  private static boolean timedOut(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The request body; a failed read tells Strand the client has gone. Not a FilterInputStream, whose
   * bulk reads bypass {@link #read(byte[], int, int)}. A read of 0 bytes returns at once, as the
   * InputStream contract says (Jetty's stream blocks for content then, so {@code readNBytes} hung).
   */
  private final class BodyInput extends InputStream {
    private final InputStream in;

    BodyInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    @Override
    public int read() throws IOException {
      try {
        touch();
        return in.read();
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0; // Jetty's stream would block here, waiting for content
      }
      try {
        touch();
        return in.read(b, off, len);
      } catch (IOException e) {
        throw failed(e);
      }
    }
  }

  /**
   * The response body as a blocking stream over Jetty's asynchronous writes. A body of known length
   * goes out as written, its last bytes flagged last; a body of unknown length is buffered in 8 KiB
   * chunks.
   */
  private final class BodyStream extends OutputStream {
    private final long length; // -1 when unknown
    private long written;
    private byte[] buf;
    private int count;
    private boolean last;

    BodyStream(long length) {
      this.length = length;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (last) {
        throw new IOException("strand: the response body is already complete");
      }
      if (len == 0) {
        return;
      }
      if (length >= 0) {
        written += len;
        send(written >= length, ByteBuffer.wrap(b, off, len));
        return;
      }
      if (buf == null) {
        buf = new byte[8192];
      }
      if (len > buf.length - count) {
        drain(false);
      }
      if (len >= buf.length) {
        send(false, ByteBuffer.wrap(b, off, len));
      } else {
        System.arraycopy(b, off, buf, count, len);
        count += len;
      }
    }

    @Override
    public void flush() throws IOException {
      if (!last) {
        drain(false);
      }
    }

    @Override
    public void close() throws IOException {
      if (!last) {
        drain(true);
      }
    }

    private void drain(boolean end) throws IOException {
      ByteBuffer chunk = count == 0 ? EMPTY : ByteBuffer.wrap(buf, 0, count);
      count = 0;
      send(end, chunk);
    }

    private void send(boolean end, ByteBuffer chunk) throws IOException {
      last = end;
      try (Blocker.Callback done = Blocker.callback()) {
        touch();
        response.write(end, chunk, done);
        done.block();
      } catch (IOException e) {
        throw failed(e);
      }
    }
  }
}
