package dev.strand.undertow;

import dev.strand.Headers;
import dev.strand.spi.Exchange;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * One Undertow request as Strand sees it.
 *
 * <p>The body streams block the request's virtual thread on a lock until XNIO reports the channel
 * ready; they do not use Undertow's blocking mode, whose waits open an epoll selector per waiting
 * thread, so one per virtual thread, freed only by the garbage collector.
 *
 * <p>While the handler runs with the request body fully read (at once for requests without a body),
 * the connection is watched on its I/O thread: end of stream means the client left. The watch ends
 * before the response is written, handing the connection back to Undertow; bytes of a pipelined next
 * request read meanwhile are pushed back for Undertow's parser. Reads stay resumed when the watch ends:
 * later read events go to Undertow's own read listener, which suspends reads under its lock if the
 * request is still running. Suspending them here instead made Undertow resume them when the exchange
 * ended, which from a virtual thread wakes the I/O thread into a spin on that lock (it halved
 * keep-alive throughput on two cores).
 *
 * <p>Closing the response stream only marks it done: {@link #finish} sends the last bytes once the
 * dispatcher has returned, as Go flushes once the handler has returned. It sends them on the I/O
 * thread, where sending the last byte also ends the exchange: ended from a virtual thread, Undertow
 * takes a spin lock on the connection and resumes reads under it, and the I/O thread, woken by the
 * next request, spins on that lock while the virtual thread waits for a core.
 */
final class UndertowExchange implements Exchange {

  private static final int OUT_BUFFER = 8192;
  private static final int IDLE = 0;
  private static final int WATCHING = 1;
  private static final int DONE = 2;

  /** Undertow's read listener for a connection, noted before Strand first replaces it. */
  private static final AttachmentKey<UndertowReader> READER = AttachmentKey.create(UndertowReader.class);

  private static final String UNDERTOW_READ_LISTENER = "io.undertow.server.protocol.http.HttpReadListener";

  private record UndertowReader(ChannelListener<? super ConduitStreamSourceChannel> listener) {}

  private final HttpServerExchange exchange;
  private final HttpServerConnection connection;
  private final Executor executor;
  private String target;
  private Headers headers;
  private InputStream body;
  private BodyOut out;

  // Readiness of the body channels, signaled from the I/O thread.
  private final ReentrantLock ioLock = new ReentrantLock();
  private final Condition readyCondition = ioLock.newCondition();
  private boolean ready; // guarded by ioLock
  private final ChannelListener<Channel> readable = c -> signal(((StreamSourceChannel) c)::suspendReads);
  private final ChannelListener<Channel> writable = c -> signal(((StreamSinkChannel) c)::suspendWrites);

  // The client-gone watch.
  private final ReentrantLock watchLock = new ReentrantLock();
  private int watch = IDLE; // guarded by watchLock
  private volatile boolean gone;
  private volatile Runnable onGone;
  private final AtomicBoolean goneRun = new AtomicBoolean();
  private final ChannelListener<? super ConduitStreamSourceChannel> undertowReader;

  /** Wraps a request; on the I/O thread only, as Undertow hands the request over. */
  UndertowExchange(HttpServerExchange exchange, Executor executor) {
    this.exchange = exchange;
    this.connection = (HttpServerConnection) exchange.getConnection();
    this.executor = executor;
    UndertowReader reader = connection.getAttachment(READER);
    if (reader == null) {
      // Note Undertow's listener once it is seen; it is not set when a connection's first request
      // arrived with the connection, and a pipelined request may find Strand's. Until then reads are
      // suspended when the watch ends.
      ChannelListener<? super ConduitStreamSourceChannel> current =
          connection.getChannel().getSourceChannel().getReadListener();
      if (current != null && current.getClass().getName().equals(UNDERTOW_READ_LISTENER)) {
        reader = new UndertowReader(current);
        connection.putAttachment(READER, reader);
      }
    }
    this.undertowReader = reader == null ? null : reader.listener();
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
    if (body == null) {
      body = exchange.isRequestComplete() ? InputStream.nullInputStream() : new BodyIn(exchange.getRequestChannel());
    }
    return body;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return exchange.getSourceAddress();
  }

  @Override
  public OutputStream respond(int status, Headers responseHeaders, long contentLength) throws IOException {
    unwatch();
    if (gone || !connection.isOpen()) {
      throw new IOException("strand: the client closed the connection");
    }
    exchange.setStatusCode(status);
    HeaderMap wire = exchange.getResponseHeaders();
    responseHeaders.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
            wire.add(HttpString.tryFromString(name), value);
          }
        });
    if (contentLength >= 0) {
      wire.put(io.undertow.util.Headers.CONTENT_LENGTH, contentLength);
    }
    out = new BodyOut(exchange.getResponseChannel());
    return out;
  }

  @Override
  public void abort() {
    unwatch();
    IoUtils.safeClose(connection);
  }

  @Override
  public void onClientGone(Runnable action) {
    onGone = action;
    if (gone) {
      runOnGone();
    }
  }

  /**
   * Ends the exchange after Strand is done with it: Undertow completes or recycles the connection.
   * Runs {@code then} once the last bytes are sent (or failed), on whichever thread sends them.
   */
  void finish(Runnable then) {
    boolean handedOver = false;
    try {
      unwatch();
      if (out != null && out.closed && connection.isOpen()) {
        Completion completion = new Completion(out, then);
        try {
          connection.getIoThread().execute(completion);
          handedOver = true;
          return;
        } catch (RejectedExecutionException e) {
          completion.runBlocking(); // the worker is shutting down: send from here
        }
      }
      exchange.endExchange();
    } finally {
      if (!handedOver) {
        then.run();
      }
    }
  }

  /**
   * Sends the last buffered bytes of a closed response body and ends the exchange, on the I/O thread:
   * it writes what the socket takes and waits for it to be writable again, without blocking.
   */
  private final class Completion implements Runnable, ChannelListener<StreamSinkChannel> {
    private final StreamSinkChannel channel;
    private final ByteBuffer tail;
    private final Runnable then;
    private boolean shut;
    private boolean resumed;
    private boolean done;

    Completion(BodyOut body, Runnable then) {
      this.channel = body.channel;
      this.tail = body.takeBuffered();
      this.then = then;
    }

    @Override
    public void run() {
      step();
    }

    @Override
    public void handleEvent(StreamSinkChannel c) {
      step();
    }

    private void step() {
      if (done) {
        return;
      }
      try {
        while (tail.hasRemaining()) {
          if (channel.write(tail) == 0) {
            awaitWritable();
            return;
          }
        }
        if (resumed) {
          // Before the exchange ends: once it has, the response channel ignores suspends.
          resumed = false;
          channel.suspendWrites();
        }
        if (!shut) {
          shut = true;
          channel.shutdownWrites();
        }
        if (!channel.flush()) {
          awaitWritable();
          return;
        }
      } catch (IOException | RuntimeException e) {
        clientGone();
        IoUtils.safeClose(connection); // the client left just before the end: nobody to tell
      }
      done = true;
      try {
        exchange.endExchange(); // already ended by the last flush unless the connection failed
      } finally {
        then.run();
      }
    }

    private void awaitWritable() {
      channel.getWriteSetter().set(this);
      if (!resumed) {
        resumed = true;
        channel.resumeWrites();
      }
    }

    /** Sends the same bytes from the calling (virtual) thread, parking while the socket is full. */
    void runBlocking() {
      try {
        out.writeFully(tail);
        out.complete();
      } catch (IOException e) {
        IoUtils.safeClose(connection); // the client left just before the end: nobody to tell
      }
    }
  }

  // ---- client-gone watch ----

  /** Starts watching the connection for the client leaving once the body is read; on the I/O thread only. */
  void watch() {
    watchLock.lock();
    try {
      if (watch != IDLE) {
        return;
      }
      if (!exchange.isRequestComplete()) {
        return; // the body is still to be read: watch once it has been
      }
      if (connection.getExtraBytes() != null || !connection.isOpen()) {
        watch = DONE; // a pipelined request is already buffered: its end of stream is not ours to see
        return;
      }
      watch = WATCHING;
      connection.getChannel().getSourceChannel().setReadListener(this::onIdleReadable);
      connection.getOriginalSourceConduit().resumeReads();
    } finally {
      watchLock.unlock();
    }
  }

  private void onIdleReadable(ConduitStreamSourceChannel channel) {
    if (!readIdle() && undertowReader != null) {
      // The watch ended with reads resumed: the event is Undertow's to handle.
      ChannelListeners.invokeChannelListener(channel, undertowReader);
    }
  }

  /** Reads the watched connection; false if the watch has ended. */
  private boolean readIdle() {
    boolean left = false;
    watchLock.lock();
    try {
      if (watch != WATCHING) {
        return false;
      }
      StreamSourceConduit source = connection.getOriginalSourceConduit();
      PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
      boolean keep = false;
      try {
        int n = source.read(pooled.getBuffer());
        if (n == 0) {
          return true;
        }
        source.suspendReads();
        watch = DONE;
        if (n > 0) { // a pipelined request: give it back to Undertow's parser
          pooled.getBuffer().flip();
          connection.ungetRequestBytes(pooled);
          keep = true;
        } else {
          left = true;
        }
      } catch (IOException e) {
        source.suspendReads();
        watch = DONE;
        left = true;
      } finally {
        if (!keep) {
          pooled.close();
        }
      }
    } finally {
      watchLock.unlock();
    }
    if (left) {
      clientGone();
    }
    return true;
  }

  private void unwatch() {
    watchLock.lock();
    try {
      if (watch == WATCHING && undertowReader == null) {
        connection.getOriginalSourceConduit().suspendReads();
      }
      watch = DONE;
    } finally {
      watchLock.unlock();
    }
  }

  private void clientGone() {
    gone = true;
    if (onGone != null) {
      runOnGone();
    }
  }

  private void runOnGone() {
    Runnable action = onGone;
    if (action != null && goneRun.compareAndSet(false, true)) {
      try {
        executor.execute(action); // never run Strand's cancellation (and user callbacks) on an I/O thread
      } catch (RejectedExecutionException e) {
        // shutting down: the request is being cut anyway
      }
    }
  }

  // ---- blocking on readiness ----

  private void signal(Runnable suspend) {
    suspend.run();
    ioLock.lock();
    try {
      ready = true;
      readyCondition.signalAll();
    } finally {
      ioLock.unlock();
    }
  }

  private void awaitReady(Runnable resume) throws IOException {
    ioLock.lock();
    try {
      ready = false;
    } finally {
      ioLock.unlock();
    }
    resume.run();
    ioLock.lock();
    try {
      while (!ready) {
        if (!connection.isOpen()) {
          throw new ClosedChannelException();
        }
        // Woken by the I/O thread; the timeout only notices a connection closed under us.
        readyCondition.await(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("strand: interrupted while waiting for the client");
    } finally {
      ioLock.unlock();
    }
  }

  /** The request body: reads the request channel, parking the virtual thread while no data is there. */
  private final class BodyIn extends InputStream {
    private final StreamSourceChannel channel;
    private boolean eof;

    BodyIn(StreamSourceChannel channel) {
      this.channel = channel;
      channel.getReadSetter().set(readable);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (eof) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      try {
        while (true) {
          int n = channel.read(buffer);
          if (n > 0) {
            return n;
          }
          if (n < 0) {
            eof = true;
            connection.getIoThread().execute(UndertowExchange.this::watch);
            return -1;
          }
          awaitReady(channel::resumeReads);
        }
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        clientGone(); // a body cut short: the client left
        throw e;
      }
    }
  }

  /** The response body: buffers small writes, parks the virtual thread while the socket is full. */
  private final class BodyOut extends OutputStream {
    private final StreamSinkChannel channel;
    private byte[] buf;
    private int count;
    private boolean closed;

    BodyOut(StreamSinkChannel channel) {
      this.channel = channel;
      channel.getWriteSetter().set(writable);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (closed) {
        throw new IOException("strand: the response body is closed");
      }
      if (len >= OUT_BUFFER) {
        drain();
        writeFully(ByteBuffer.wrap(b, off, len));
        return;
      }
      if (buf == null) {
        buf = new byte[OUT_BUFFER];
      } else if (len > buf.length - count) {
        drain();
      }
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      if (!closed) {
        drain();
        flushChannel();
      }
    }

    /**
     * Marks the body done. The last bytes go out in {@link #complete()} once Strand has finished with
     * the request, as Go flushes after the handler returns: a client that has the whole response can
     * count on the server having finished its bookkeeping (limits, drain counts, access log).
     */
    @Override
    public void close() {
      closed = true;
    }

    /** Hands over the buffered bytes, leaving the buffer empty. */
    ByteBuffer takeBuffered() {
      ByteBuffer tail = count > 0 ? ByteBuffer.wrap(buf, 0, count) : ByteBuffer.allocate(0);
      count = 0;
      buf = null;
      return tail;
    }

    void complete() throws IOException {
      drain();
      try {
        channel.shutdownWrites();
      } catch (IOException e) {
        clientGone();
        throw e;
      }
      flushChannel();
    }

    private void drain() throws IOException {
      if (count > 0) {
        int n = count;
        count = 0;
        writeFully(ByteBuffer.wrap(buf, 0, n));
      }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
      try {
        while (buffer.hasRemaining()) {
          if (channel.write(buffer) == 0) {
            awaitReady(channel::resumeWrites);
          }
        }
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        clientGone();
        throw e;
      }
    }

    private void flushChannel() throws IOException {
      try {
        while (!channel.flush()) {
          awaitReady(channel::resumeWrites);
        }
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        clientGone();
        throw e;
      }
    }
  }
}
