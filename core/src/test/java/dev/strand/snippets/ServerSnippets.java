package dev.strand.snippets;

import dev.strand.Handler;
import dev.strand.Server;
import dev.strand.ServerConfig;
import dev.strand.ShutdownReport;
import java.time.Duration;

/** Starting, configuring and stopping a server. */
public final class ServerSnippets {
  private ServerSnippets() {}

  static ServerConfig config() {
    // @start region=config
    ServerConfig config = ServerConfig.defaults()
        .withPort(8080)                              // 0 = any free port
        .withRequestTimeout(Duration.ofSeconds(2))   // every request's deadline
        .withMaxBodyBytes(1024 * 1024)               // 413 above it
        .withShutdownGrace(Duration.ofSeconds(10));  // in-flight requests may finish
    // @end
    return config;
  }

  static Server start(Handler handler, ServerConfig config) {
    // @start region=start
    Server server = Server.start(handler, config);
    System.out.println("listening on " + server.uri() + " (backend " + server.backendName() + ")");
    // @end
    return server;
  }

  static ShutdownReport stop(Server server) {
    // @start region=shutdown
    ShutdownReport report = server.shutdown(Duration.ofSeconds(10));
    System.out.println("drained " + report.drained() + ", cut " + report.cut());
    // @end
    return report;
  }

  static void untilSigterm(Server server) throws InterruptedException {
    // @start region=until-sigterm
    Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // SIGTERM: shut down gracefully
    server.awaitShutdown();
    // @end
  }
}
