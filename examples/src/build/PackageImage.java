import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds the self-contained app image of strand-examples, Java's answer to Go's single binary. Run
 * by the build (exec-maven-plugin, package phase) as a single-file program on the JDK running Maven:
 *
 * <pre>java PackageImage.java target/strand-examples.jar target/strand-examples</pre>
 *
 * <p>The image:
 *
 * <pre>
 * bin/strand-examples        POSIX sh launcher (no jpackage launcher: it costs 120-250 ms per start)
 * lib/strand-examples.jar    the runnable jar
 * lib/strand-examples.aot    AOT cache from a training run (JDK 25+; skipped when it is rejected)
 * runtime/                   a jlinked Java runtime with only the modules the app needs
 * </pre>
 *
 * <p>Modules: {@code jdeps --print-module-deps} on the jar also names java.desktop, java.sql,
 * java.security.jgss and java.security.sasl. They are only reached by code the apps never run
 * (Jetty's webapp leak preventers, Undertow's SPNEGO and SASL, Jackson's optional java.beans and
 * java.sql support; each library declares them {@code requires static} or never loads them here), so
 * the image leaves them out: 48 MiB instead of 63. ImageIT checks that jdeps names nothing else.
 */
public class PackageImage {

  /** The runtime's modules; see the class comment. */
  static final List<String> MODULES =
      List.of(
          "java.base",
          "java.logging", // jboss-logging, XNIO, logback's JUL bridge
          "java.management", // XNIO and jboss-threads register MBeans; Jetty's thread pool
          "java.naming", // Jetty's util and logback reference javax.naming
          "java.xml", // logback reads logback.xml
          "jdk.httpserver", // the jdkhttp backend
          "jdk.unsupported"); // sun.misc.Unsafe in XNIO and jboss-threads

  /**
   * JVM options of every start. The AOT cache is made with the same ones (a cache made with another
   * GC is not used). Unified logging goes to stderr, so a rejected cache cannot print a warning on
   * stdout before the "listening on" line.
   */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xlog:disable", "-Xlog:all=warning:stderr");

  static final String NAME = "strand-examples";

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: java PackageImage.java <runnable jar> <image dir>");
    }
    long start = System.nanoTime();
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path image = Path.of(args[1]).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("strand-examples image: " + jar + " is missing; run the shade step first");
    }
    deleteRecursively(image);
    Files.createDirectories(image.resolve("lib"));
    image = image.toRealPath(); // the launcher resolves its home with pwd -P; the AOT cache must match

    tool(
        "jlink",
        "--add-modules", String.join(",", MODULES),
        "--output", image.resolve("runtime").toString(),
        "--strip-debug",
        "--no-header-files",
        "--no-man-pages",
        "--compress=zip-6");
    Path appJar = image.resolve("lib").resolve(NAME + ".jar");
    Files.copy(jar, appJar, StandardCopyOption.COPY_ATTRIBUTES);
    writeLauncher(image.resolve("bin").resolve(NAME));

    String cache = "no AOT cache (needs JDK 25+)";
    if (Runtime.version().feature() >= 25) {
      cache = train(image, appJar);
    }
    System.out.printf(
        "[strand-examples] app image %s: %s, %s (%d ms)%n",
        image, String.join(",", MODULES), cache, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static void writeLauncher(Path launcher) throws IOException {
    Files.createDirectories(launcher.getParent());
    String options = String.join(" ", JVM_OPTIONS);
    String script =
        """
        #!/bin/sh
        # strand-examples: runs the Strand example apps on the Java runtime bundled in this image; no
        # JDK needed. Usage: strand-examples hello|user-api [flags]   (-h for help)
        # JAVA_OPTS adds JVM options. The AOT cache in lib/ speeds up the start; the JVM ignores it
        # (with a warning on stderr) if it does not match.
        self=$0
        case $self in */*) ;; *) self=./$self ;; esac
        while [ -h "$self" ]; do
          link=$(readlink "$self")
          case $link in /*) self=$link ;; *) self=${self%/*}/$link ;; esac
        done
        home=$(cd "${self%/*}/.." && pwd -P) || exit 1
        set -- -jar "$home/lib/NAME.jar" "$@"
        if [ -f "$home/lib/NAME.aot" ]; then
          set -- "-XX:AOTCache=$home/lib/NAME.aot" "$@"
        fi
        # shellcheck disable=SC2086 # JAVA_OPTS is split into words on purpose
        exec "$home/runtime/bin/java" OPTIONS $JAVA_OPTS "$@"
        """
            .replace("NAME", NAME)
            .replace("OPTIONS", options);
    Files.writeString(launcher, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /**
   * Runs dev.strand.examples.Train (both apps on every backend, every route once) on the image's own
   * runtime, recording an AOT cache at exit. A training run that fails means the app is broken.
   */
  private static String train(Path image, Path appJar) throws Exception {
    Path aot = image.resolve("lib").resolve(NAME + ".aot");
    Path log = image.getParent().resolve("aot-training.log");
    List<String> command = new ArrayList<>();
    command.add(image.resolve("runtime/bin/java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-XX:AOTCacheOutput=" + aot);
    command.addAll(List.of("-cp", appJar.toString(), "dev.strand.examples.Train"));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("strand-examples image: the AOT training run took over 5 minutes; see " + log);
    }
    if (p.exitValue() != 0) {
      System.err.println(Files.readString(log));
      throw new IllegalStateException(
          "strand-examples image: the AOT training run failed (exit " + p.exitValue() + "), so the app is broken; see " + log);
    }
    if (!Files.isRegularFile(aot)) {
      System.err.println("[strand-examples] warning: the training run wrote no AOT cache; the image starts without one. See " + log);
      return "no AOT cache (training wrote none)";
    }
    return String.format("AOT cache %d MiB", Files.size(aot) >> 20);
  }

  private static void tool(String name, String... args) {
    ToolProvider tool =
        ToolProvider.findFirst(name)
            .orElseThrow(() -> new IllegalStateException("strand-examples image: " + name + " is missing; build with a full JDK 21+, not a JRE"));
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out);
    int status = tool.run(pw, pw, args);
    pw.flush();
    if (status != 0) {
      throw new IllegalStateException("strand-examples image: " + name + " failed (" + status + "):\n" + out);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
