package dev.strand.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.strand.spi.Dispatcher;
import java.io.IOException;

/**
 * Bridge is the one JDK handler, on context {@code /}: it hands every exchange to Strand's
 * dispatcher. Throwing from here is how a handler makes the JDK server drop a connection (it closes
 * it and forgets it), so an aborted exchange ends with an exception.
 */
final class Bridge implements HttpHandler {

  private final Dispatcher dispatcher;

  Bridge(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    if (!HeadTimer.headRead()) {
      throw new IOException("strand: the request head took longer than the read-header timeout");
    }
    JdkExchange exchange = new JdkExchange(http);
    dispatcher.dispatch(exchange);
    if (!exchange.completed()) {
      throw new IOException("strand: exchange aborted; closing the connection");
    }
  }
}
