package dev.strand.testing;

import dev.strand.Handler;
import dev.strand.Headers;
import dev.strand.Request;
import dev.strand.ServerConfig;
import dev.strand.internal.Pipeline;
import dev.strand.spi.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A TestClient calls a handler in memory, through the same pipeline a server runs (request id,
 * limits, context and deadline, panics, problem responses, HEAD), and returns what a client would
 * have received: Go's {@code httptest}, for Strand.
 *
 * {@snippet class=dev.strand.snippets.TestingSnippetsTest region=get}
 *
 * {@snippet class=dev.strand.snippets.TestingSnippetsTest region=errors}
 *
 * <p>No socket is opened. Each call runs the handler on a virtual thread, as a server would. A
 * TestClient is thread-safe.
 */
public final class TestClient {

  private static final InetSocketAddress CLIENT = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 40000);

  private final Pipeline pipeline;

  private TestClient(Handler handler, ServerConfig config) {
    this.pipeline =
        new Pipeline(
            handler,
            new Pipeline.Limits(
                config.requestTimeout(),
                config.maxHeaderBytes(),
                config.maxBodyBytes(),
                config.maxConcurrentRequests(),
                config.accessLog()));
  }

  /**
   * Returns a client for {@code handler} with the default server limits.
   *
   * @param handler the handler, usually a {@link dev.strand.Router}
   * @return the client
   */
  public static TestClient of(Handler handler) {
    return new TestClient(handler, ServerConfig.defaults());
  }

  /**
   * Returns a client for {@code handler} with the limits of {@code config} (request timeout, header
   * and body limits, concurrency); its host, port and backend are ignored.
   *
   * @param handler the handler
   * @param config the limits to apply
   * @return the client
   */
  public static TestClient of(Handler handler, ServerConfig config) {
    return new TestClient(handler, config);
  }

  /**
   * Sends {@code GET target}.
   *
   * @param target path and query, percent-encoded
   * @return what the client received
   */
  public TestResponse get(String target) {
    return send(Request.builder("GET", target).build());
  }

  /**
   * Sends a request with a body.
   *
   * @param method the method
   * @param target path and query
   * @param contentType the body's media type
   * @param body the body, UTF-8
   * @return what the client received
   */
  public TestResponse send(String method, String target, String contentType, String body) {
    return send(Request.builder(method, target).header("Content-Type", contentType).body(body).build());
  }

  /**
   * Sends {@code request} through the pipeline. The request's id and body limit are replaced by the
   * pipeline's, as on a server; send an {@code X-Request-Id} header to choose the id.
   *
   * @param request the request
   * @return what the client received
   */
  public TestResponse send(Request request) {
    MemoryExchange ex = new MemoryExchange(request);
    try (ExecutorService one = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> f = one.submit(() -> pipeline.dispatch(ex));
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("strand: interrupted while waiting for the response", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("strand: the pipeline failed", e.getCause());
    }
    return ex.result();
  }

  /** An Exchange held in memory. */
  private static final class MemoryExchange implements Exchange {
    private final Request request;
    private final InputStream body;
    private int status;
    private Headers headers = Headers.empty();
    private long declaredLength = -1;
    private final ChunkRecorder out = new ChunkRecorder();
    private boolean aborted;
    private boolean responded;

    MemoryExchange(Request request) {
      this.request = request;
      this.body = request.bodyStream();
    }

    @Override
    public String method() {
      return request.method();
    }

    @Override
    public String target() {
      return request.target();
    }

    @Override
    public String protocol() {
      return request.protocol();
    }

    @Override
    public Headers requestHeaders() {
      return request.headers();
    }

    @Override
    public long requestContentLength() {
      return request.contentLength();
    }

    @Override
    public InputStream requestBody() {
      return body;
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return CLIENT;
    }

    @Override
    public synchronized OutputStream respond(int status, Headers headers, long contentLength) {
      if (responded) {
        throw new IllegalStateException("strand: respond called twice");
      }
      responded = true;
      this.status = status;
      this.headers = headers;
      this.declaredLength = contentLength;
      return out;
    }

    @Override
    public synchronized void abort() {
      aborted = true;
    }

    synchronized TestResponse result() {
      return new TestResponse(
          responded ? status : 0, headers, out.bytes(), out.chunks(), declaredLength, aborted);
    }
  }

  /** Records the body and where it was flushed. */
  private static final class ChunkRecorder extends OutputStream {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<String> chunks = new ArrayList<>();

    @Override
    public synchronized void write(int b) {
      all.write(b);
      pending.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      all.write(b, off, len);
      pending.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
      if (pending.size() > 0) {
        chunks.add(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
    }

    @Override
    public synchronized void close() throws IOException {
      flush();
    }

    synchronized byte[] bytes() {
      return all.toByteArray();
    }

    synchronized List<String> chunks() {
      return List.copyOf(chunks);
    }
  }
}
