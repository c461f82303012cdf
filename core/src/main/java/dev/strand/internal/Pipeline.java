package dev.strand.internal;

import dev.strand.BodyTooLargeException;
import dev.strand.Context;
import dev.strand.ContextEndedException;
import dev.strand.ContextError;
import dev.strand.Handler;
import dev.strand.Headers;
import dev.strand.Problem;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Exchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Pipeline is Strand's core request path, the same for every backend and for in-memory tests:
 * request id, limits, context and deadline, the handler, panics, problem responses, the write, the
 * access log, and the bookkeeping graceful shutdown needs. Internal.
 */
public final class Pipeline implements Dispatcher {

  /** The MDC key holding the request id while a request is served. */
  public static final String MDC_REQUEST_ID = "requestId";

  private static final Logger LOG = LoggerFactory.getLogger("dev.strand.server");
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.strand.access");

  /** The limits a pipeline keeps. */
  public record Limits(
      Duration requestTimeout, int maxHeaderBytes, long maxBodyBytes, int maxConcurrentRequests, boolean accessLog) {}

  private final Handler handler;
  private final Limits limits;
  private final Semaphore permits;
  private final Contexts.Cancelable root = Contexts.cancelable(Context.background(), null);
  private final AtomicInteger inflight = new AtomicInteger();
  private final AtomicInteger completedWhileDraining = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private volatile boolean draining;

  public Pipeline(Handler handler, Limits limits) {
    this.handler = handler;
    this.limits = limits;
    this.permits = new Semaphore(limits.maxConcurrentRequests());
  }

  @Override
  public void dispatch(Exchange ex) {
    long start = System.nanoTime();
    String id = RequestIds.choose(ex.requestHeaders().get("X-Request-Id"));
    MDC.put(MDC_REQUEST_ID, id);
    String pattern = null;
    int status;
    long written;
    try {
      Response early = screen(ex);
      if (early != null) {
        status = early.status();
        written = write(ex, id, early, null);
      } else {
        Outcome o = serve(ex, id);
        status = o.status;
        written = o.written;
        pattern = o.pattern;
      }
    } catch (RuntimeException | Error e) {
      // A bug in Strand or the backend: never let it kill the backend's thread silently.
      LOG.error("strand: internal failure serving {} {}", ex.method(), ex.target(), e);
      ex.abort();
      status = 500;
      written = -1;
    } finally {
      MDC.remove(MDC_REQUEST_ID);
    }
    if (limits.accessLog() && ACCESS.isInfoEnabled()) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      ACCESS.info(
          "{} \"{} {} {}\" {} {} {}ms id={}{}",
          hostOf(ex),
          ex.method(),
          ex.target(),
          ex.protocol(),
          written < 0 ? 499 : status,
          Math.max(0, written),
          ms,
          id,
          pattern == null ? "" : " pattern=\"" + pattern + "\"");
    }
  }

  private static String hostOf(Exchange ex) {
    var a = ex.remoteAddress();
    return a == null ? "-" : a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
  }

  /** Answers what must be refused before a handler runs; null to go on. */
  private Response screen(Exchange ex) {
    if (draining) {
      return shuttingDown();
    }
    String target = ex.target();
    long head = ex.method().length() + target.length() + ex.protocol().length() + 4 + ex.requestHeaders().wireSize();
    if (head > limits.maxHeaderBytes()) {
      return Response.problem(Problem.of(431, "The request headers are larger than the limit of " + limits.maxHeaderBytes() + " bytes."))
          .withHeader("Connection", "close");
    }
    if (!isToken(ex.method())) {
      return Response.problem(Problem.badRequest("The request method is not a valid HTTP token."))
          .withHeader("Connection", "close");
    }
    if (!(target.startsWith("/") || (target.equals("*") && ex.method().equals("OPTIONS")))) {
      return Response.problem(Problem.badRequest("The request target must be an absolute path."));
    }
    if (Paths.decodePath(Paths.splitTarget(target).rawPath()).isEmpty()) {
      return Response.problem(Problem.badRequest("The request path has a malformed percent-escape."));
    }
    if (ex.requestContentLength() > limits.maxBodyBytes()) {
      return bodyTooLarge(limits.maxBodyBytes());
    }
    return null;
  }

  /** Whether {@code s} is an RFC 9110 token, as a method must be. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private record Outcome(int status, long written, String pattern) {}

  private Outcome serve(Exchange ex, String id) {
    if (!permits.tryAcquire()) {
      Response busy = Response.problem(Problem.of(503, "The server is at its limit of "
          + limits.maxConcurrentRequests() + " concurrent requests; retry shortly."));
      return new Outcome(503, write(ex, id, busy, null), null);
    }
    inflight.incrementAndGet();
    if (draining) {
      // Shutdown began between screen() and here: refuse as screen() would. Counting first and
      // checking second means awaitIdle either sees this request or this request sees the drain.
      permits.release();
      leave();
      return new Outcome(503, write(ex, id, shuttingDown(), null), null);
    }
    Contexts.Cancelable ctx = Contexts.cancelable(root, Contexts.deadlineAfter(limits.requestTimeout()));
    boolean permitHeld = true;
    try {
      ex.onClientGone(() -> ctx.cancel(ContextError.CLIENT_GONE));
      Request request =
          Request.builder(ex.method(), ex.target())
              .protocol(ex.protocol())
              .headers(ex.requestHeaders())
              .remoteAddress(ex.remoteAddress())
              .id(id)
              .bodyLimit(limits.maxBodyBytes())
              .body(ex.requestBody(), ex.requestContentLength())
              .build();
      Response response;
      try {
        permitHeld = false; // from here the handler's thread gives the permit back when it is done
        response = Deadlines.call(ctx, request, (c, r) -> handler.serve(c, r), permits::release);
      } catch (Throwable t) {
        response = failure(ctx, request, t);
      }
      if (response == null) { // client gone: nobody to answer
        ex.abort();
        return new Outcome(499, -1, request.pattern().orElse(null));
      }
      long n = write(ex, id, response, ctx);
      return new Outcome(response.status(), n, request.pattern().orElse(null));
    } finally {
      ctx.cancel(ContextError.CANCELED);
      if (permitHeld) {
        permits.release();
      }
      if (draining) {
        completedWhileDraining.incrementAndGet();
      }
      leave();
    }
  }

  /** The 413 problem for a body over {@code limit} bytes. */
  public static Problem bodyTooLargeProblem(long limit) {
    return Problem.of(413, "The request body is larger than the limit of " + limit + " bytes.");
  }

  /** The 413 answer; the connection closes, since the rest of the body is not read. */
  public static Response bodyTooLarge(long limit) {
    return Response.problem(bodyTooLargeProblem(limit)).withHeader("Connection", "close");
  }

  private static Response shuttingDown() {
    return Response.problem(ContextError.SHUTDOWN.toProblem()).withHeader("Connection", "close");
  }

  /** Counts a request out, waking a shutdown waiting for the last one. */
  private void leave() {
    if (inflight.decrementAndGet() == 0) {
      lock.lock();
      try {
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Turns a failure of the handler into the response it deserves; null when nobody is listening. */
  public static Response failure(Context ctx, Request request, Throwable t) {
    if (t instanceof ContextEndedException ce) {
      return answer(ce.error(), request, t);
    }
    if (ctx.isDone()) {
      return answer(ctx.err().orElseThrow(), request, t);
    }
    if (t instanceof InterruptedException) {
      // The request's own thread was interrupted: only a server stopping its threads does that.
      return answer(ContextError.SHUTDOWN, request, t);
    }
    if (isTooLarge(t)) {
      return bodyTooLarge(request.bodyLimit());
    }
    LOG.error("strand: panic serving {} {} (request {})", request.method(), request.target(), request.id(), t);
    return Response.problem(Problem.of(500, "The server failed to handle this request. Request id: " + request.id() + "."));
  }

  private static Response answer(ContextError err, Request request, Throwable t) {
    if (err.cause() == ContextError.Cause.CLIENT_GONE) {
      LOG.debug("strand: client left before {} completed", request);
      return null;
    }
    LOG.debug("strand: {} ended: {} ({})", request, err.message(), t.toString());
    return Response.problem(err.toProblem());
  }

  private static boolean isTooLarge(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  /** Writes a response; returns the body bytes written, or -1 when the client was gone. */
  private long write(Exchange ex, String id, Response r, Contexts.Cancelable ctx) {
    Headers headers = r.headers().toBuilder().set("X-Request-Id", id).build();
    int status = r.status();
    boolean bodiless = ex.method().equals("HEAD") || status == 204 || status == 304 || status < 200;
    try {
      if (!r.isStreamed()) {
        byte[] body = r.bodyBytesUnsafe();
        long len = (status == 204 || status == 304 || status < 200) ? 0 : body.length;
        try (OutputStream out = ex.respond(status, headers, len)) {
          if (!bodiless && body.length > 0) {
            out.write(body);
          }
        }
        return bodiless ? 0 : body.length;
      }
      OutputStream raw = ex.respond(status, headers, -1);
      if (bodiless) {
        raw.close();
        return 0;
      }
      CountingOutputStream out = new CountingOutputStream(raw);
      Thread self = Thread.currentThread();
      AtomicBoolean writing = new AtomicBoolean(true);
      Context.Registration reg =
          ctx == null
              ? () -> false
              : Contexts.listen(
                  ctx,
                  () -> {
                    synchronized (writing) { // so no interrupt can land after the writer finished
                      if (writing.get()) {
                        self.interrupt();
                      }
                    }
                  });
      boolean cut;
      try {
        r.bodyWriter().writeTo(ctx == null ? Context.background() : ctx, out);
        // A writer that swallowed the interrupt returns early: cut the connection rather than end
        // a truncated body as if it were whole. A context that ends after this is too late to matter.
        cut = ctx != null && ctx.isDone() && ctx.err().orElseThrow().cause() != ContextError.Cause.CANCELED;
        if (!cut) {
          out.close();
        }
      } finally {
        synchronized (writing) {
          writing.set(false);
        }
        reg.cancel();
        boolean interrupted = Thread.interrupted(); // never leak the interrupt to the backend's thread
        if (interrupted && ctx != null && ctx.isDone()) {
          LOG.debug("strand: streaming {} cut: {}", id, ctx.err().orElseThrow().message());
        }
      }
      if (cut) {
        ex.abort();
        return -1;
      }
      return out.count();
    } catch (IOException | UncheckedIOException e) {
      if (ctx != null) {
        ctx.cancel(ContextError.CLIENT_GONE);
      }
      LOG.debug("strand: writing response {} failed: {}", id, e.toString());
      ex.abort();
      return -1;
    } catch (RuntimeException e) {
      LOG.error("strand: panic while streaming the response (request {})", id, e);
      ex.abort();
      return -1;
    }
  }

  // ---- shutdown bookkeeping ----

  /** Starts draining: every new request is answered 503 with {@code Connection: close}. */
  public void beginDrain() {
    draining = true;
  }

  /** Tells whether draining has begun. */
  public boolean isDraining() {
    return draining;
  }

  /** Returns how many requests are being served. */
  public int inflight() {
    return inflight.get();
  }

  /** Returns how many admitted requests completed since draining began. */
  public int completedWhileDraining() {
    return completedWhileDraining.get();
  }

  /** Waits until no request is in flight, at most {@code timeout}; true if idle. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long budget = Contexts.saturatedNanos(timeout);
    long start = System.nanoTime();
    lock.lock();
    try {
      while (inflight.get() > 0) {
        long left = budget - (System.nanoTime() - start);
        if (left <= 0) {
          return false;
        }
        idle.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Cancels every in-flight request with cause shutdown; returns how many there were. */
  public int cutAll() {
    int n = inflight.get();
    root.cancel(ContextError.SHUTDOWN);
    return n;
  }

  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    long count() {
      return count;
    }
  }
}
