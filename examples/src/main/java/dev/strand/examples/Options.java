package dev.strand.examples;

import java.time.Duration;

/**
 * Options are what the command line asked for: which app, on which backend, where, with which
 * limits.
 *
 * @param app the app to run
 * @param backend the backend's name: {@code undertow}, {@code jetty} or {@code jdkhttp}
 * @param host the address to bind
 * @param port the port to bind; 0 for any free port
 * @param dbLatency the simulated database wait of {@code GET /user/{id}}
 * @param timeout the deadline of every request
 * @param maxBody the largest request body accepted, in bytes
 * @param shutdownGrace how long in-flight requests may finish on SIGTERM
 */
public record Options(
    App app,
    String backend,
    String host,
    int port,
    Duration dbLatency,
    Duration timeout,
    long maxBody,
    Duration shutdownGrace) {

  /** An App is one of the programs the launcher runs. */
  public enum App {
    /** {@code hello}: the seed's minimal server. */
    HELLO("hello"),
    /** {@code user-api}: the seed's realistic API. */
    USER_API("user-api");

    private final String command;

    App(String command) {
      this.command = command;
    }

    /**
     * Returns the app's name on the command line.
     *
     * @return such as {@code user-api}
     */
    public String command() {
      return command;
    }
  }

  /**
   * Returns the defaults of {@code app}, as the usage lists them.
   *
   * @param app the app
   * @return its default options
   */
  public static Options defaults(App app) {
    return new Options(
        app,
        "undertow",
        "0.0.0.0",
        8080,
        Duration.ofMillis(100),
        Duration.ofSeconds(2),
        1_048_576L,
        Duration.ofSeconds(10));
  }
}
