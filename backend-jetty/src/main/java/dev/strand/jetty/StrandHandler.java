package dev.strand.jetty;

import dev.strand.spi.Dispatcher;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Hands every request Jetty parsed to Strand on a thread of Strand's executor, a virtual thread of
 * its own. It only submits a task, so it is non-blocking: Jetty may call it on its selector thread,
 * which saves a hop through Jetty's thread pool.
 */
final class StrandHandler extends Handler.Abstract.NonBlocking {

  private final Dispatcher dispatcher;
  private final Executor executor;
  private final HeadTimeouts heads;

  StrandHandler(Dispatcher dispatcher, Executor executor, HeadTimeouts heads) {
    this.dispatcher = dispatcher;
    this.executor = executor;
    this.heads = heads;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    heads.requestStarted(request.getConnectionMetaData().getConnection());
    JettyExchange exchange = new JettyExchange(request, response, callback, dispatcher, heads);
    try {
      executor.execute(exchange);
    } catch (RejectedExecutionException e) { // Strand is shutting down
      exchange.abort();
    }
    return true;
  }
}
