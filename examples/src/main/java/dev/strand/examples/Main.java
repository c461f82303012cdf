package dev.strand.examples;

import dev.strand.Result;
import dev.strand.Router;
import dev.strand.Server;
import dev.strand.ServerConfig;
import dev.strand.ShutdownReport;
import dev.strand.examples.hello.Hello;
import dev.strand.examples.users.UserApi;
import dev.strand.examples.users.UserStore;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main is the {@code strand-examples} launcher: {@code strand-examples hello [flags]} or
 * {@code strand-examples user-api [flags]} (see {@link Cli#USAGE}).
 *
 * <p>When the server is ready it prints {@code listening on http://HOST:PORT (backend NAME)} as the
 * first line on stdout; logs go to stderr. On SIGTERM (or Ctrl-C) it shuts down gracefully: it stops
 * accepting, lets in-flight requests finish within {@code --shutdown-grace}, prints
 * {@code stopped: N drained, M cut} and exits 0. Exit status 2 means a bad command line, 1 a server
 * that could not start.
 */
public final class Main {
  private Main() {}

  private static final Logger LOG = LoggerFactory.getLogger("dev.strand.examples");

  /**
   * Runs the launcher.
   *
   * @param args {@code <app> [flags]}
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    switch (Cli.parse(args)) {
      case Result.Ok<Cli.Command, Cli.UsageError>(Cli.Help help) -> {
        out.print(Cli.USAGE);
        out.flush();
        System.exit(0);
      }
      case Result.Err<Cli.Command, Cli.UsageError>(var usage) -> {
        err.println("strand-examples: " + usage.message());
        err.print(Cli.USAGE);
        err.flush();
        System.exit(2);
      }
      case Result.Ok<Cli.Command, Cli.UsageError>(Cli.Run run) -> {
        int status = serve(run.options(), out);
        if (status != 0) {
          System.exit(status);
        }
      }
    }
  }

  /**
   * Serves until the process is told to stop; returns only when the server could not start.
   *
   * @return the exit status: 1 when the server did not start
   */
  private static int serve(Options options, PrintStream out) {
    Health health = new Health();
    Server server;
    try {
      server = start(options, health);
    } catch (RuntimeException e) {
      // The port is taken, the host does not resolve...: core's message says what to do.
      System.err.println("strand-examples: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("strand-examples-shutdown").unstarted(() -> stop(server, health, options, out)));
    out.println("listening on " + server.uri() + " (backend " + server.backendName() + ")");
    out.flush();
    try {
      server.awaitShutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Reached only while the shutdown hook runs: it ends the process.
    return 0;
  }

  /**
   * Starts the app {@code options} names on a new server.
   *
   * @param options the app, backend, address and limits
   * @param health tells {@code /healthz} when shutdown begins
   * @return the running server
   * @throws RuntimeException when the server cannot start, with a message saying why
   */
  public static Server start(Options options, Health health) {
    ServerConfig config =
        ServerConfig.defaults()
            .withBackend(options.backend())
            .withHost(options.host())
            .withPort(options.port())
            .withShutdownGrace(options.shutdownGrace());
    Router router =
        switch (options.app()) {
          case HELLO -> Hello.router();
          case USER_API -> UserApi.router(UserStore.seeded(options.dbLatency()), health);
        };
    if (options.app() == Options.App.USER_API) {
      config = config.withRequestTimeout(options.timeout()).withMaxBodyBytes(options.maxBody());
    }
    return Server.start(router, config);
  }

  /** The shutdown hook: drains, reports, and ends the process: status 0, or 1 if shutdown failed. */
  private static void stop(Server server, Health health, Options options, PrintStream out) {
    int status = 1;
    try {
      health.beginShutdown();
      LOG.info("shutting down: in-flight requests have {} to finish", Durations.format(options.shutdownGrace()));
      ShutdownReport report = server.shutdown(options.shutdownGrace());
      out.println("stopped: " + report.drained() + " drained, " + report.cut() + " cut");
      status = 0;
    } catch (RuntimeException | Error e) {
      LOG.error("shutdown failed", e);
    } finally {
      out.flush();
      System.err.flush();
      // A JVM ended by SIGTERM exits 143 once its hooks are done; a graceful stop is a success, so
      // end it here, as Go's main returns after srv.Shutdown.
      Runtime.getRuntime().halt(status);
    }
  }
}
