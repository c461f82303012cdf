package dev.strand.examples.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A process started from the packaged app image, its stdout and stderr collected line by line. */
final class Launched implements AutoCloseable {

  /** How long a start may take on a loaded 2-core machine. */
  static final Duration START = Duration.ofSeconds(60);

  private static final Pattern READY =
      Pattern.compile("listening on http://(127\\.0\\.0\\.1):(\\d+) \\(backend (undertow|jetty|jdkhttp)\\)");

  final Process process;
  private final List<String> stdout = new ArrayList<>(); // guarded by this
  private final List<String> stderr = new ArrayList<>(); // guarded by this
  private boolean stdoutClosed; // guarded by this
  private boolean stderrClosed; // guarded by this

  private Launched(Process process) {
    this.process = process;
    Thread.ofVirtual().start(() -> pump(process.getInputStream(), true));
    Thread.ofVirtual().start(() -> pump(process.getErrorStream(), false));
  }

  /** The image under test, from the build (see the failsafe configuration). */
  static Path image() {
    String dir = System.getProperty("strand.examples.image");
    if (dir == null) {
      throw new IllegalStateException("strand.examples.image is not set; run these tests with ./mvnw verify");
    }
    return Path.of(dir);
  }

  static Path launcher() {
    Path launcher = image().resolve("bin/strand-examples");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(launcher + " is missing; run ./mvnw package first");
    }
    return launcher;
  }

  static Launched start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  static Launched start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(List.of(args));
    return start(new ProcessBuilder(command), env);
  }

  static Launched start(ProcessBuilder builder, Map<String, String> env) throws IOException {
    builder.environment().putAll(env);
    return new Launched(builder.start());
  }

  private void pump(InputStream in, boolean out) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (this) {
          (out ? stdout : stderr).add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    } finally {
      synchronized (this) {
        if (out) {
          stdoutClosed = true;
        } else {
          stderrClosed = true;
        }
        notifyAll();
      }
    }
  }

  /** The server's port, from the ready line, which must be the first line on stdout. */
  int awaitReady() throws InterruptedException {
    String first = awaitStdout(0, START).orElseThrow(() -> new AssertionError("no ready line; stderr:\n" + stderrText()));
    Matcher m = READY.matcher(first);
    if (!m.matches()) {
      throw new AssertionError("first stdout line is not the ready line: '" + first + "'; stderr:\n" + stderrText());
    }
    return Integer.parseInt(m.group(2));
  }

  String backend() {
    Matcher m = READY.matcher(stdoutLines().get(0));
    if (!m.matches()) {
      throw new AssertionError(stdoutLines().get(0));
    }
    return m.group(3);
  }

  /** Waits for stdout line {@code index}; empty if stdout closes first or the time runs out. */
  synchronized Optional<String> awaitStdout(int index, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (stdout.size() <= index && !stdoutClosed) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return stdout.size() > index ? Optional.of(stdout.get(index)) : Optional.empty();
  }

  /** Waits for a stderr line matching {@code test}. */
  synchronized String awaitStderr(Predicate<String> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String line : stderr) {
        if (test.test(line)) {
          return line;
        }
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0 || stderrClosed) {
        throw new AssertionError("no such line on stderr within " + timeout + ":\n" + String.join("\n", stderr));
      }
      wait(left);
    }
  }

  /** Waits for the process to exit and for its output to be read in full. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + "; stderr:\n" + stderrText());
    }
    synchronized (this) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!(stdoutClosed && stderrClosed) && System.nanoTime() < deadline) {
        wait(100);
      }
    }
    return process.exitValue();
  }

  /**
   * Sends SIGTERM (the launcher execs java, so the JVM gets it). Through the ProcessHandle, because
   * Process.destroy() also closes the pipes, and the output after the signal is what is tested.
   */
  void terminate() {
    if (!process.toHandle().destroy()) {
      throw new AssertionError("could not signal " + process.pid());
    }
  }

  synchronized List<String> stdoutLines() {
    return List.copyOf(stdout);
  }

  synchronized List<String> stderrLines() {
    return List.copyOf(stderr);
  }

  synchronized String stderrText() {
    return String.join("\n", stderr);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
