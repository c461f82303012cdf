package dev.strand;

import dev.strand.internal.Pipeline;
import dev.strand.spi.Backend;
import dev.strand.spi.Listener;
import dev.strand.spi.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Server is a running HTTP server serving one {@link Handler} on a backend: Go's
 * {@code http.ListenAndServe}, returning once the port is bound.
 *
 * {@snippet class=dev.strand.snippets.ServerSnippets region=start}
 *
 * <p>The backend is the one given in the config, else the one named there or in the
 * {@code STRAND_BACKEND} environment variable, else the single one on the class path. Every request
 * runs on its own virtual thread with a context whose deadline is the configured request timeout.
 *
 * <p>{@link #shutdown(Duration)} is graceful, in two phases: the server stops accepting connections
 * and answers 503 to new requests on open ones, lets in-flight requests finish within the grace, then
 * cancels the rest with cause {@link ContextError.Cause#SHUTDOWN} and closes. A Server is thread-safe.
 *
 * {@snippet class=dev.strand.snippets.ServerSnippets region=shutdown}
 *
 * <p>A {@code main} that serves until the process gets {@code SIGTERM} (a container stop, a
 * deployment) and then drains:
 *
 * {@snippet class=dev.strand.snippets.ServerSnippets region=until-sigterm}
 */
public final class Server implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("dev.strand.server");

  /** The artifacts that provide the backends Strand ships. */
  private static final String ARTIFACTS =
      "dev.strand:strand-backend-undertow, dev.strand:strand-backend-jetty or dev.strand:strand-backend-jdkhttp";

  private final Backend backend;
  private final Listener listener;
  private final Pipeline pipeline;
  private final ServerConfig config;
  private final ExecutorService executor;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object shutdownLock = new Object();
  private ShutdownReport report; // guarded by shutdownLock

  private Server(Backend backend, Listener listener, Pipeline pipeline, ServerConfig config, ExecutorService executor) {
    this.backend = backend;
    this.listener = listener;
    this.pipeline = pipeline;
    this.config = config;
    this.executor = executor;
  }

  /**
   * Starts serving {@code handler} with the default configuration (port 8080).
   *
   * @param handler the handler, usually a {@link Router}
   * @return the running server
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException if no backend, or more than one, can be chosen
   */
  public static Server start(Handler handler) {
    return start(handler, ServerConfig.defaults());
  }

  /**
   * Starts serving {@code handler}; returns once the port is bound.
   *
   * @param handler the handler, usually a {@link Router}
   * @param config where to listen, the limits, the backend
   * @return the running server
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException if no backend, or more than one, can be chosen
   */
  public static Server start(Handler handler, ServerConfig config) {
    Backend backend = chooseBackend(config, System.getenv("STRAND_BACKEND"));
    Pipeline pipeline =
        new Pipeline(
            handler,
            new Pipeline.Limits(
                config.requestTimeout(),
                config.maxHeaderBytes(),
                config.maxBodyBytes(),
                config.maxConcurrentRequests(),
                config.accessLog()));
    ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("strand-", 0).factory());
    Settings settings =
        new Settings(
            config.host(),
            config.port(),
            config.readHeaderTimeout(),
            config.idleTimeout(),
            config.maxHeaderBytes(),
            executor);
    Listener listener;
    try {
      listener = backend.start(settings, pipeline);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException(
          "strand: cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage()
              + "); is another process using the port? Pick another one, or port 0 for any free port",
          e);
    }
    Server server = new Server(backend, listener, pipeline, config, executor);
    LOG.info("strand: listening on {} (backend {})", server.uri(), backend.name());
    return server;
  }

  /**
   * Chooses the backend: the config's instance, else the name from the config or {@code env},
   * else the single one on the class path.
   */
  static Backend chooseBackend(ServerConfig config, String env) {
    if (config.backend().isPresent()) {
      return config.backend().get();
    }
    List<Backend> found = new ArrayList<>();
    for (Backend b : ServiceLoader.load(Backend.class, Server.class.getClassLoader())) {
      found.add(b);
    }
    return chooseBackend(config, env, found);
  }

  /** Chooses among {@code found}, the backends on the class path; separate so tests can pass their own. */
  static Backend chooseBackend(ServerConfig config, String env, List<Backend> found) {
    if (config.backend().isPresent()) {
      return config.backend().get();
    }
    String wanted = config.backendName().orElse(env == null || env.isBlank() ? null : env.trim());
    String names = found.stream().map(Backend::name).sorted().collect(Collectors.joining(", "));
    if (wanted != null) {
      String w = wanted.toLowerCase(Locale.ROOT);
      for (Backend b : found) {
        if (b.name().equals(w)) {
          return b;
        }
      }
      throw new IllegalStateException(
          "strand: backend '" + wanted + "' is not on the class path"
              + (found.isEmpty() ? "; none is. Add " + ARTIFACTS + " as a dependency"
                  : "; available: " + names + ". Pick one of those, or add its artifact (" + ARTIFACTS + ")"));
    }
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "strand: no backend on the class path. Add one of " + ARTIFACTS + " as a dependency");
    }
    if (found.size() > 1) {
      throw new IllegalStateException(
          "strand: several backends on the class path (" + names + "); pick one with "
              + "ServerConfig.withBackend(\"name\") or the STRAND_BACKEND environment variable, or keep one dependency");
    }
    return found.get(0);
  }

  /**
   * Returns the bound address.
   *
   * @return the local address, with the real port
   */
  public InetSocketAddress address() {
    return listener.localAddress();
  }

  /**
   * Returns the bound port, the real one when 0 was asked for.
   *
   * @return the port
   */
  public int port() {
    return listener.localAddress().getPort();
  }

  /**
   * Returns the server's base URI, such as {@code http://127.0.0.1:8080}.
   *
   * @return the URI; a wildcard host is reported as the configured one
   */
  public URI uri() {
    String host = config.host();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /**
   * Returns the name of the backend serving, such as {@code undertow}.
   *
   * @return the backend's name
   */
  public String backendName() {
    return backend.name();
  }

  /**
   * Returns the configuration the server runs with.
   *
   * @return the config
   */
  public ServerConfig config() {
    return config;
  }

  /**
   * Tells whether a shutdown has begun.
   *
   * @return true once {@link #shutdown(Duration)} was called
   */
  public boolean isShuttingDown() {
    return pipeline.isDraining();
  }

  /**
   * Shuts down gracefully: stops accepting, answers 503 to new requests on open connections, lets
   * in-flight requests finish within {@code grace}, then cancels the rest with cause shutdown and
   * closes. Calling it again returns the first report.
   *
   * @param grace how long in-flight requests may take to finish
   * @return what was drained and what was cut
   */
  public ShutdownReport shutdown(Duration grace) {
    synchronized (shutdownLock) {
      if (report != null) {
        return report;
      }
      long start = System.nanoTime();
      pipeline.beginDrain();
      listener.stopAccepting();
      boolean interrupted = false;
      boolean idle;
      try {
        idle = pipeline.awaitIdle(grace);
      } catch (InterruptedException e) {
        interrupted = true;
        idle = false;
      }
      int drained = pipeline.completedWhileDraining();
      int cut = 0;
      if (!idle) {
        cut = pipeline.cutAll();
        try {
          // Let the cut requests send their 503 before the connections close.
          pipeline.awaitIdle(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      listener.close();
      executor.shutdownNow();
      report = new ShutdownReport(drained, cut, Duration.ofNanos(System.nanoTime() - start));
      LOG.info("strand: stopped ({} drained, {} cut, {} ms)", report.drained(), report.cut(), report.took().toMillis());
      stopped.countDown();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return report;
    }
  }

  /**
   * Shuts down with the configured grace.
   *
   * @return what was drained and what was cut
   */
  public ShutdownReport shutdown() {
    return shutdown(config.shutdownGrace());
  }

  /**
   * Blocks until the server has shut down: for a {@code main} that serves until a signal.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** Shuts down with the configured grace; for try-with-resources. */
  @Override
  public void close() {
    ShutdownReport unused = shutdown();
  }

  @Override
  public String toString() {
    return "Server{" + uri() + ", backend " + backend.name() + "}";
  }
}
