package dev.strand.spi;

/**
 * A Dispatcher is Strand's core as a backend sees it: it serves one {@link Exchange}.
 */
@FunctionalInterface
public interface Dispatcher {

  /**
   * Serves the exchange: routes it, runs the handler, writes the response through the exchange.
   * Call it on a thread from {@link Settings#executor()}; it returns once the response is complete
   * (or the exchange was aborted) and never throws.
   *
   * @param exchange the request and the way to answer it
   */
  void dispatch(Exchange exchange);
}
