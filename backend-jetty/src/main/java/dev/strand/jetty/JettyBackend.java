package dev.strand.jetty;

import dev.strand.spi.Backend;
import dev.strand.spi.Capabilities;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Listener;
import dev.strand.spi.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JettyBackend runs Strand on Jetty 12's core API (no servlets): the backend named {@code jetty}.
 *
 * <p>Strand finds it through {@link java.util.ServiceLoader} when {@code strand-backend-jetty} is on
 * the class path; it can also be given by hand with {@code ServerConfig.withBackend(new
 * JettyBackend())}. Jetty's selector threads parse HTTP; every request is then served on a thread
 * from {@link Settings#executor()}, a virtual thread of its own.
 *
 * <p>How the {@link Settings} map onto Jetty: the idle timeout is the connector's, applied between
 * requests on a keep-alive connection (while a request is in flight Strand's deadline governs, but a
 * body read or response write that makes no progress for that long still fails). The read-header
 * timeout, which Jetty lacks, is kept by a sweep that closes a connection whose request head is not
 * complete that long after the connection opened or after the first byte of its next request arrived
 * (checked about four times per timeout, at most once a second); until its first head a new connection
 * waits that long rather than the idle timeout, as in Go. The header limit is Jetty's request header
 * size plus a margin, so heads slightly over it reach Strand, which answers 431, and larger ones get the
 * same 431 problem from Jetty. Jetty's own answers to malformed requests are RFC 9457 problems like
 * Strand's; Jetty sends no {@code Server} header; the target reaches Strand raw.
 */
public final class JettyBackend implements Backend {

  private static final Logger LOG = LoggerFactory.getLogger("dev.strand.jetty");

  /** Connections the kernel may queue before Jetty accepts them (capped by somaxconn); Java's default is 50. */
  private static final int ACCEPT_BACKLOG = 4096;

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          Capabilities.ClientGone.ON_IO,
          Capabilities.OversizedHead.STATUS_431,
          "Jetty stops reading a connection while its request is handled, so a client that leaves is"
              + " noticed on the next body read or response write. A head over the limit gets a 431"
              + " problem: from Strand up to the limit plus a margin (max(4 KiB, limit/4)), from Jetty"
              + " beyond it (then without X-Request-Id or an access-log line).");

  /** Creates the backend; it starts a Jetty server on each {@link #start} call. */
  public JettyBackend() {}

  /**
   * Returns {@code jetty}.
   *
   * @return the backend's name
   */
  @Override
  public String name() {
    return "jetty";
  }

  /**
   * Returns how Jetty behaves where servers differ: a client that left is noticed on the next read
   * or write; an oversized head gets a 431 problem.
   *
   * @return the capabilities
   */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Starts a Jetty server on the settings' host and port.
   *
   * @param settings where to listen, the limits, the executor for requests
   * @param dispatcher Strand's core
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  @Override
  public Listener start(Settings settings, Dispatcher dispatcher) throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("strand-jetty");
    threads.setReservedThreads(0);
    Server server = new Server(threads);
    server.setStopTimeout(0); // Strand drains before it closes
    server.setErrorHandler(new ProblemErrorHandler(settings.maxHeaderBytes()));

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setHeaderCacheSize(0); // the default cache costs ~90 KiB of heap per connection
    http.setRequestHeaderSize(jettyHeaderLimit(settings.maxHeaderBytes()));
    // No per-request idle timeout (Jetty would restore the endpoint's own after each request, undoing
    // HeadTimeouts' switch from the first-request wait to the keep-alive idle timeout).
    http.setIdleTimeout(-1);
    http.setUriCompliance(UriCompliance.UNSAFE); // targets reach Strand raw; core validates them
    // RFC 9112 3.2.2: an absolute-form target wins over a differing Host header; Jetty refuses it.
    http.setHttpCompliance(HttpCompliance.RFC9110.with("STRAND", HttpCompliance.Violation.MISMATCHED_AUTHORITY));

    // No acceptor thread: the selector accepts, so stopAccepting can close the listening socket at once
    // (a thread blocked in accept() keeps the socket open until it wakes).
    ServerConnector connector = new ServerConnector(server, 0, -1, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    connector.setAcceptQueueSize(ACCEPT_BACKLOG);
    HeadTimeouts heads = new HeadTimeouts(settings.readHeaderTimeout(), settings.idleTimeout());
    connector.addEventListener(heads);
    server.addConnector(connector);
    server.setHandler(new StrandHandler(dispatcher, settings.executor(), heads));
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server);
      throw e;
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException("strand: Jetty failed to start: " + e.getMessage(), e);
    }
    heads.start(connector.getScheduler());
    ServerSocketChannel channel = (ServerSocketChannel) connector.getTransport();
    awaitRegistered(channel, true); // the selector registers it on its next turn
    return new JettyListener(server, connector, channel, heads, (InetSocketAddress) channel.getLocalAddress());
  }

  /** Jetty's head limit: Strand's plus a margin, so Strand itself answers heads slightly over it. */
  static int jettyHeaderLimit(int maxHeaderBytes) {
    return (int) Math.min(Integer.MAX_VALUE - 8L, maxHeaderBytes + Math.max(4096L, maxHeaderBytes / 4L));
  }

  /** Waits, briefly, until Jetty's selector has (un)registered the listening channel. */
  static void awaitRegistered(ServerSocketChannel channel, boolean registered) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (channel.isRegistered() != registered && System.nanoTime() < deadline) {
      LockSupport.parkNanos(100_000);
    }
  }

  static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("strand: stopping Jetty failed", e);
    }
  }

  /** A running Jetty server as Strand sees it. */
  private static final class JettyListener implements Listener {
    private final Server server;
    private final ServerConnector connector;
    private final ServerSocketChannel channel;
    private final HeadTimeouts heads;
    private final InetSocketAddress address;

    JettyListener(
        Server server, ServerConnector connector, ServerSocketChannel channel, HeadTimeouts heads, InetSocketAddress address) {
      this.server = server;
      this.connector = connector;
      this.channel = channel;
      this.heads = heads;
      this.address = address;
    }

    @Override
    public InetSocketAddress localAddress() {
      return address;
    }

    @Override
    public void stopAccepting() {
      // The selector drops the channel's registration on its next turn; closing the channel before
      // that would leave the socket listening until then. Open connections go on.
      connector.setAccepting(false);
      awaitRegistered(channel, false);
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("strand: closing the listening socket failed", e);
      }
    }

    @Override
    public void close() {
      heads.stop();
      stopQuietly(server);
    }
  }
}
