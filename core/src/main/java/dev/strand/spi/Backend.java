package dev.strand.spi;

import java.io.IOException;

/**
 * A Backend is an HTTP server that Strand can run handlers on: the one interface a server adapter
 * implements. Strand finds backends with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.strand.spi.Backend}), so adding a backend's jar to the class path is
 * all it takes to use it.
 *
 * <p>A backend translates and nothing else: it parses HTTP, hands each request to the
 * {@link Dispatcher} as an {@link Exchange} on a thread from {@link Settings#executor()} (a virtual
 * thread per request), and writes what the exchange is given. Routing, contexts, deadlines, limits,
 * problem responses and logging all happen in Strand's core, so every backend behaves the same; the
 * conformance suite in {@code strand-core}'s test-jar checks that it does.
 *
 * <p>Implementations must have a public no-argument constructor and be thread-safe.
 */
public interface Backend {

  /**
   * Returns the backend's short name, used to pick it in configuration and
   * {@code STRAND_BACKEND}: {@code undertow}, {@code jetty}, {@code jdkhttp}.
   *
   * @return the name, lower-case
   */
  String name();

  /**
   * Returns what this backend can and cannot do, which the conformance suite holds it to.
   *
   * @return the capabilities
   */
  Capabilities capabilities();

  /**
   * Binds the socket and starts serving. Returns once the server accepts connections.
   *
   * @param settings where to listen, the limits the server must apply, the executor to run
   *     requests on
   * @param dispatcher receives every request
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  Listener start(Settings settings, Dispatcher dispatcher) throws IOException;
}
