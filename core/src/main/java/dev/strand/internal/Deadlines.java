package dev.strand.internal;

import dev.strand.Context;
import dev.strand.ContextEndedException;
import dev.strand.Handler;
import dev.strand.Request;
import dev.strand.Response;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Deadlines runs a handler on its own virtual thread and returns at the latest when its context
 * ends: the promise that a deadline is kept even by a handler that ignores it. Internal.
 */
public final class Deadlines {
  private Deadlines() {}

  private static final Logger LOG = LoggerFactory.getLogger("dev.strand.server");
  private static final Object ENDED = new Object();

  /**
   * Calls {@code handler} and returns its response, or throws {@link ContextEndedException} as soon
   * as {@code ctx} ends first; the handler's thread is then interrupted and what it returns later
   * is dropped (logged at DEBUG). Exceptions the handler throws are rethrown as they are.
   */
  public static Response call(Context ctx, Request request, Handler handler) throws Exception {
    return call(ctx, request, handler, () -> {});
  }

  /**
   * Like {@link #call(Context, Request, Handler)}, and runs {@code onExit} exactly once when the
   * handler's thread is done with the handler (or at once if it never started): later than this
   * method's return when the handler outlives its context. The server holds a request's
   * concurrency permit until then, so handlers that ignore their deadline stay counted.
   */
  public static Response call(Context ctx, Request request, Handler handler, Runnable onExit) throws Exception {
    if (ctx.isDone()) {
      onExit.run();
      throw ctx.err().orElseThrow().toException();
    }
    CompletableFuture<Object> box = new CompletableFuture<>();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    Thread worker =
        Thread.ofVirtual()
            .name("strand-handler")
            .unstarted(
                () -> {
                  if (mdc != null) {
                    MDC.setContextMap(mdc);
                  }
                  try {
                    Response r = handler.serve(ctx, request);
                    if (r == null) {
                      box.completeExceptionally(
                          new NullPointerException("strand: handler returned null for " + request));
                    } else if (ctx.isDone() || !box.complete(r)) {
                      // It returned after its context ended: the context's answer stands.
                      box.complete(ENDED);
                      LOG.debug("strand: dropped the response of {} returned after its context ended", request);
                    }
                  } catch (Throwable t) {
                    if (ctx.isDone() || !box.completeExceptionally(t)) {
                      box.complete(ENDED);
                      LOG.debug("strand: handler of {} ended after its context: {}", request, t.toString());
                    }
                  } finally {
                    MDC.clear();
                    onExit.run();
                  }
                });
    Context.Registration reg =
        Contexts.listen(
            ctx,
            () -> {
              // Interrupt before completing, so the caller never proceeds ahead of the interrupt.
              // A worker that finished meanwhile only gets the flag on its way out.
              if (!box.isDone()) {
                worker.interrupt();
                box.complete(ENDED);
              }
            });
    if (!box.isDone()) { // the context may have ended since the check above
      worker.start();
    } else {
      onExit.run();
    }
    Object out;
    try {
      out = box.get();
    } catch (InterruptedException e) {
      // Our own thread was interrupted (an outer context ended): stop the worker too.
      if (!box.isDone()) {
        worker.interrupt();
        box.complete(ENDED);
      }
      reg.cancel();
      throw e;
    } catch (ExecutionException e) {
      reg.cancel();
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
    reg.cancel();
    if (out == ENDED) {
      throw ctx.err().orElseThrow().toException();
    }
    return (Response) out;
  }
}
