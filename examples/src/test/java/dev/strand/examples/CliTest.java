package dev.strand.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Result;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

  private static Options run(String... args) {
    return switch (Cli.parse(args)) {
      case Result.Ok<Cli.Command, Cli.UsageError>(Cli.Run r) -> r.options();
      case Result.Ok<Cli.Command, Cli.UsageError>(Cli.Help h) -> throw new AssertionError("help");
      case Result.Err<Cli.Command, Cli.UsageError>(var e) -> throw new AssertionError(e.message());
    };
  }

  private static String usageError(String... args) {
    return switch (Cli.parse(args)) {
      case Result.Ok<Cli.Command, Cli.UsageError> ok -> throw new AssertionError("accepted: " + ok.value());
      case Result.Err<Cli.Command, Cli.UsageError>(var e) -> e.message();
    };
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    Options o = run("user-api");
    assertEquals(Options.App.USER_API, o.app());
    assertEquals("undertow", o.backend());
    assertEquals("0.0.0.0", o.host());
    assertEquals(8080, o.port());
    assertEquals(Duration.ofMillis(100), o.dbLatency());
    assertEquals(Duration.ofSeconds(2), o.timeout());
    assertEquals(1_048_576L, o.maxBody());
    assertEquals(Duration.ofSeconds(10), o.shutdownGrace());
    assertEquals(Options.App.HELLO, run("hello").app());
  }

  @Test
  void flagsTakeSeparateOrEqualsValuesAndTheLastWins() {
    Options o =
        run("user-api", "--backend", "jetty", "--host=127.0.0.1", "--port", "0", "--db-latency=250ms",
            "--timeout", "PT3S", "--max-body", "10", "--shutdown-grace=1m30s", "--port=9090", "-backend", "jdkhttp");
    assertEquals("jdkhttp", o.backend());
    assertEquals("127.0.0.1", o.host());
    assertEquals(9090, o.port());
    assertEquals(Duration.ofMillis(250), o.dbLatency());
    assertEquals(Duration.ofSeconds(3), o.timeout());
    assertEquals(10, o.maxBody());
    assertEquals(Duration.ofSeconds(90), o.shutdownGrace());
  }

  @Test
  void helloTakesBackendHostPortAndGrace() {
    Options o = run("hello", "--backend", "jetty", "--port", "0", "--host", "::1", "--shutdown-grace", "1s");
    assertEquals("jetty", o.backend());
    assertEquals(0, o.port());
    assertEquals("::1", o.host());
    assertTrue(usageError("hello", "--db-latency", "1s").contains("user-api only"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-h", "--help", "-help"})
  void helpWhereAFlagMayStandAsksForUsage(String flag) {
    assertInstanceOf(Cli.Help.class, Cli.parse(flag).orElseThrow());
    assertInstanceOf(Cli.Help.class, Cli.parse("user-api", "--port", "1", flag).orElseThrow());
    assertEquals(flag, run("user-api", "--host", flag).host(), "a flag's value is not a flag");
  }

  @Test
  void badCommandLinesSayWhatIsWrongInOneLine() {
    assertEquals("missing app; pick hello or user-api", usageError());
    assertTrue(usageError("serve").contains("unknown app 'serve'"));
    assertTrue(usageError("--port", "1").contains("the app comes first"));
    assertTrue(usageError("user-api", "--nope").contains("unknown flag '--nope'"));
    assertTrue(usageError("user-api", "extra").contains("unexpected argument 'extra'"));
    assertEquals("flag --port needs a value", usageError("user-api", "--port"));
    assertTrue(usageError("user-api", "--backend", "netty").startsWith("invalid value \"netty\" for --backend"));
    for (String port : new String[] {"abc", "-1", "65536", "+80", " 80", "8080 ", "", "99999999999999999999"}) {
      assertTrue(usageError("user-api", "--port", port).startsWith("invalid value \"" + port + "\" for --port"), port);
    }
    for (String d : new String[] {"10", "abc", "-1s", "1d"}) {
      assertTrue(usageError("user-api", "--db-latency", d).startsWith("invalid value \"" + d + "\" for --db-latency"), d);
    }
    assertTrue(usageError("user-api", "--timeout", "0s").contains("more than 0"));
    assertTrue(usageError("user-api", "--max-body", "-5").startsWith("invalid value \"-5\" for --max-body"));
    assertTrue(usageError("user-api", "--host", "").startsWith("invalid value \"\" for --host"));
    for (String args : new String[] {"x", "--port abc", "--nope", "--port"}) {
      String[] split = ("user-api " + args).split(" ");
      assertFalse(usageError(split).contains("\n"), args);
    }
  }

  @Test
  void zeroLatencyAndGraceAreAllowed() {
    Options o = run("user-api", "--db-latency", "0", "--shutdown-grace", "0s", "--max-body", "0");
    assertEquals(Duration.ZERO, o.dbLatency());
    assertEquals(Duration.ZERO, o.shutdownGrace());
    assertEquals(0, o.maxBody());
  }

  @Test
  void usageNamesEveryFlagAndItsDefault() {
    for (String s : new String[] {"--backend", "--host", "--port", "--db-latency", "--timeout", "--max-body",
        "--shutdown-grace", "default undertow", "default 0.0.0.0", "default 8080", "default 100ms", "default 2s",
        "default 1048576", "default 10s", "PT2S"}) {
      assertTrue(Cli.USAGE.contains(s), s);
    }
  }
}
