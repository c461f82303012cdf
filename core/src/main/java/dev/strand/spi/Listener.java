package dev.strand.spi;

import java.net.InetSocketAddress;

/**
 * A Listener is a running backend server, returned by {@link Backend#start}.
 *
 * <p>Shutdown happens in two calls: {@link #stopAccepting()} closes the listening socket while open
 * connections keep working (Strand answers 503 on them meanwhile), then {@link #close()} closes
 * everything. Both are idempotent and safe from any thread.
 */
public interface Listener {

  /**
   * Returns the bound address, with the real port when 0 was asked for.
   *
   * @return the local address
   */
  InetSocketAddress localAddress();

  /** Stops accepting new connections; open connections and in-flight requests go on. */
  void stopAccepting();

  /** Closes every connection and frees the server's threads and buffers. */
  void close();
}
