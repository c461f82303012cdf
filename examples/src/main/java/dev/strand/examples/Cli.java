package dev.strand.examples;

import dev.strand.Result;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Cli reads the launcher's command line, {@code strand-examples <app> [flags]}, the way Go's
 * {@code flag} package does: {@code --name value} or {@code --name=value} (one dash works too), the
 * last occurrence of a flag wins, flags are read in order ({@code -h} where a flag may stand asks for
 * help), and anything wrong is a {@link UsageError} carrying one line.
 */
public final class Cli {
  private Cli() {}

  /** The backends the launcher can run on. */
  public static final List<String> BACKENDS = List.of("undertow", "jetty", "jdkhttp");

  private static final Set<String> HELLO_FLAGS = Set.of("backend", "host", "port", "shutdown-grace");
  private static final Set<String> USER_API_FLAGS =
      Set.of("backend", "host", "port", "db-latency", "timeout", "max-body", "shutdown-grace");

  /** The usage text printed by {@code -h} and after a usage error. */
  public static final String USAGE =
      """
      usage: strand-examples <app> [flags]

      apps:
        hello       GET / answers "Hello from Strand"
        user-api    the seed's user API: GET /user/{id}, POST /users, GET /healthz, GET /panic

      flags:
        --backend NAME            undertow, jetty or jdkhttp (default undertow)
        --host HOST               address to listen on (default 0.0.0.0)
        --port N                  port to listen on, 0 for any free port (default 8080)
        --shutdown-grace DURATION how long in-flight requests may finish on SIGTERM (default 10s)
        -h, --help                print this help and exit
      user-api only:
        --db-latency DURATION     simulated database wait of GET /user/{id} (default 100ms)
        --timeout DURATION        deadline of every request (default 2s)
        --max-body BYTES          largest request body accepted (default 1048576)

      Durations take Go's form (250ms, 2s, 1m, 1h30m, 1.5s) or ISO-8601 (PT2S).
      When ready, the first line on stdout is: listening on http://HOST:PORT (backend NAME)
      """;

  /** A Command is what the command line asks the launcher to do. */
  public sealed interface Command {}

  /** Help asks for the usage text. */
  public record Help() implements Command {}

  /**
   * Run asks to serve an app.
   *
   * @param options the app and its settings
   */
  public record Run(Options options) implements Command {}

  /**
   * A UsageError is a command line the launcher cannot run.
   *
   * @param message one line saying what is wrong and what to write instead
   */
  public record UsageError(String message) {}

  /**
   * Reads a command line.
   *
   * @param args the arguments after the program name
   * @return what to do, or what is wrong with {@code args}
   */
  public static Result<Command, UsageError> parse(String... args) {
    if (args.length > 0 && isHelp(args[0])) {
      return Result.ok(new Help());
    }
    if (args.length == 0) {
      return usageError("missing app; pick hello or user-api");
    }
    Options.App app;
    switch (args[0]) {
      case "hello" -> app = Options.App.HELLO;
      case "user-api" -> app = Options.App.USER_API;
      default -> {
        return usageError(
            args[0].startsWith("-")
                ? "the app comes first; write strand-examples hello " + args[0] + " ... or strand-examples user-api " + args[0] + " ..."
                : "unknown app '" + args[0] + "'; pick hello or user-api");
      }
    }
    Set<String> allowed = app == Options.App.HELLO ? HELLO_FLAGS : USER_API_FLAGS;
    Options o = Options.defaults(app);
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        if (i + 1 < args.length) {
          return usageError("unexpected argument '" + args[i + 1] + "'; " + app.command() + " takes only flags");
        }
        break;
      }
      if (isHelp(arg)) {
        return Result.ok(new Help());
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        return usageError("unexpected argument '" + arg + "'; " + app.command() + " takes only flags");
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      if (!allowed.contains(name)) {
        return usageError(
            USER_API_FLAGS.contains(name)
                ? "flag --" + name + " is for user-api only; hello takes --backend, --host, --port and --shutdown-grace"
                : "unknown flag '" + arg + "' for " + app.command());
      }
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return usageError("flag --" + name + " needs a value");
      }
      Result<Options, String> next = apply(o, name, value);
      switch (next) {
        case Result.Ok<Options, String> ok -> o = ok.value();
        case Result.Err<Options, String> err -> {
          return usageError("invalid value \"" + value + "\" for --" + name + ": " + err.error());
        }
      }
    }
    return Result.ok(new Run(o));
  }

  private static boolean isHelp(String arg) {
    return arg.equals("-h") || arg.equals("--help") || arg.equals("-help");
  }

  private static Result<Command, UsageError> usageError(String message) {
    return Result.err(new UsageError(message));
  }

  private static Result<Options, String> apply(Options o, String name, String value) {
    return switch (name) {
      case "backend" ->
          BACKENDS.contains(value)
              ? Result.ok(new Options(o.app(), value, o.host(), o.port(), o.dbLatency(), o.timeout(), o.maxBody(), o.shutdownGrace()))
              : Result.err("pick undertow, jetty or jdkhttp");
      case "host" ->
          value.isBlank() || !value.strip().equals(value)
              ? Result.err("give a host name or address, such as 127.0.0.1 or 0.0.0.0")
              : Result.ok(new Options(o.app(), o.backend(), value, o.port(), o.dbLatency(), o.timeout(), o.maxBody(), o.shutdownGrace()));
      case "port" ->
          wholeNumber(value, 65_535)
              .mapErr(e -> "must be a whole number from 0 to 65535 (0 for any free port)")
              .map(p -> new Options(o.app(), o.backend(), o.host(), (int) (long) p, o.dbLatency(), o.timeout(), o.maxBody(), o.shutdownGrace()));
      case "max-body" ->
          wholeNumber(value, Long.MAX_VALUE)
              .mapErr(e -> "must be a whole number of bytes, 0 or more")
              .map(n -> new Options(o.app(), o.backend(), o.host(), o.port(), o.dbLatency(), o.timeout(), n, o.shutdownGrace()));
      case "db-latency" ->
          Durations.parse(value)
              .map(d -> new Options(o.app(), o.backend(), o.host(), o.port(), d, o.timeout(), o.maxBody(), o.shutdownGrace()));
      case "timeout" ->
          Durations.parse(value)
              .flatMap(Cli::positive)
              .map(d -> new Options(o.app(), o.backend(), o.host(), o.port(), o.dbLatency(), d, o.maxBody(), o.shutdownGrace()));
      case "shutdown-grace" ->
          Durations.parse(value)
              .map(d -> new Options(o.app(), o.backend(), o.host(), o.port(), o.dbLatency(), o.timeout(), o.maxBody(), d));
      default -> Result.err("unknown flag");
    };
  }

  private static Result<Duration, String> positive(Duration d) {
    return d.isZero() ? Result.err("must be more than 0, such as 2s") : Result.ok(d);
  }

  /** Parses plain decimal digits (no sign, no spaces) up to {@code max}. */
  private static Result<Long, String> wholeNumber(String value, long max) {
    if (value.isEmpty() || value.length() > 19) {
      return Result.err("not a whole number");
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return Result.err("not a whole number");
      }
      int digit = c - '0';
      if (n > (max - digit) / 10) {
        return Result.err("too large");
      }
      n = n * 10 + digit;
    }
    return Result.ok(n);
  }
}
