package dev.strand.jdkhttp;

import com.sun.net.httpserver.HttpServer;
import dev.strand.spi.Backend;
import dev.strand.spi.Capabilities;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Listener;
import dev.strand.spi.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * JdkHttpBackend runs Strand on the JDK's built-in HTTP server, {@code com.sun.net.httpserver}:
 * nothing to depend on beyond the JDK, the smallest runtime image, the fewest features.
 *
 * <p>Strand finds it with {@link java.util.ServiceLoader} under the name {@code jdkhttp}; it can also
 * be given by hand: {@code ServerConfig.defaults().withBackend(new JdkHttpBackend())}.
 *
 * <p>The read-header timeout is kept per server. The JDK server reads its other limits from
 * system properties once per JVM, when its first server starts, so this backend sets them from the
 * first Strand server's settings unless they are already set, and warns when a later server asks
 * for other values:
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.idleInterval} (whole seconds, rounded up) from the idle timeout,
 *       and {@code sun.net.httpserver.clockTick} 1000 ms, so an idle connection is closed within a
 *       second after it; a connection that never sends a byte is closed after the idle timeout too;
 *   <li>{@code sun.net.httpserver.maxReqHeaderSize}, a ceiling well above the header limit, so that
 *       Strand sees a head over its limit and answers 431; a head over the ceiling, or with more than
 *       {@code sun.net.httpserver.maxReqHeaders} (200) fields, is closed without an answer;
 *   <li>{@code sun.net.httpserver.maxIdleConnections} 10,000 instead of 200, which otherwise closes
 *       keep-alive connections under load.
 * </ul>
 *
 * <p>A client that leaves is noticed on the next write of the response
 * ({@link Capabilities.ClientGone#ON_IO}). The JDK server answers some malformed requests itself
 * (a bad request line or target, conflicting {@code Content-Length} and {@code Transfer-Encoding}),
 * with its own 400 and a closed connection, before Strand sees them.
 */
public final class JdkHttpBackend implements Backend {

  /** The listen backlog: enough for thousands of connections arriving at once. */
  private static final int BACKLOG = 4096;

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          Capabilities.ClientGone.ON_IO,
          Capabilities.OversizedHead.STATUS_431,
          "JDK built-in server: idle timeout, header ceiling and idle-connection cap are JVM-wide"
              + " system properties set by the first server; heads over that ceiling or with over 200"
              + " fields are closed; malformed request lines and targets get the JDK's own 400.");

  /** Creates the backend; it holds no state until started. */
  public JdkHttpBackend() {}

  @Override
  public String name() {
    return "jdkhttp";
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Listener start(Settings settings, Dispatcher dispatcher) throws IOException {
    JvmWide.apply(settings);
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "strand-jdkhttp-timer");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), BACKLOG);
    } catch (IOException | RuntimeException e) {
      timer.shutdownNow();
      throw e;
    }
    server.setExecutor(new HeadTimer(settings.executor(), timer, settings.readHeaderTimeout()));
    server.createContext("/", new Bridge(dispatcher));
    server.start();
    return new JdkListener(server, timer);
  }

  @Override
  public String toString() {
    return "JdkHttpBackend";
  }
}
