package dev.strand.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaging: the app image and the runnable jar are what the README promises. */
class ImageIT {

  /**
   * Modules jdeps finds references to that the image leaves out on purpose: only code the apps never
   * run reaches them (see PackageImage.java). Anything else jdeps finds must be in the image.
   */
  private static final Set<String> LEFT_OUT =
      Set.of("java.desktop", "java.sql", "java.sql.rowset", "java.security.jgss", "java.security.sasl");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static Path runnableJar() {
    return Launched.image().resolveSibling("strand-examples.jar");
  }

  private static Properties release() throws IOException {
    Properties p = new Properties();
    try (var in = Files.newInputStream(Launched.image().resolve("runtime/release"))) {
      p.load(in);
    }
    return p;
  }

  private static int runtimeFeatureVersion() throws IOException {
    String v = release().getProperty("JAVA_VERSION").replace("\"", "");
    return Integer.parseInt(v.split("[.+-]", -1)[0]);
  }

  private void assertServesHello(Launched app) throws Exception {
    int port = app.awaitReady();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals("Hello from Strand", r.body());
  }

  @Test
  void imageHoldsTheLauncherTheJarTheRuntimeAndTheAotCache() throws IOException {
    Path image = Launched.image();
    assertTrue(Files.isExecutable(image.resolve("bin/strand-examples")));
    assertTrue(Files.isExecutable(image.resolve("runtime/bin/java")));
    assertTrue(Files.isRegularFile(image.resolve("lib/strand-examples.jar")));
    if (runtimeFeatureVersion() >= 25) {
      assertTrue(Files.isRegularFile(image.resolve("lib/strand-examples.aot")), "AOT cache missing");
    }
    String launcher = Files.readString(image.resolve("bin/strand-examples"), StandardCharsets.UTF_8);
    assertTrue(launcher.startsWith("#!/bin/sh\n"), launcher);
  }

  @Test
  void runtimeHasEveryModuleJdepsFindsExceptTheOnesLeftOutOnPurpose() throws IOException {
    Set<String> image = new TreeSet<>(Arrays.asList(release().getProperty("MODULES").replace("\"", "").split(" ", -1)));
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out, true), new PrintWriter(out, true),
            "--print-module-deps", "--ignore-missing-deps", "--multi-release", "21", "-q", runnableJar().toString());
    assertEquals(0, status, out.toString());
    Set<String> needed = new TreeSet<>(Arrays.asList(out.toString().strip().split(",", -1)));
    needed.removeAll(LEFT_OUT);
    needed.removeAll(image);
    assertEquals(Set.of(), needed, "jdeps finds modules the image lacks; add them to PackageImage.MODULES");
  }

  @Test
  void runnableJarMergesTheServiceFilesOfAllThreeBackends() throws IOException {
    try (JarFile jar = new JarFile(runnableJar().toFile())) {
      assertEquals("dev.strand.examples.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      String services =
          new String(jar.getInputStream(jar.getEntry("META-INF/services/dev.strand.spi.Backend")).readAllBytes(), StandardCharsets.UTF_8);
      List<String> backends = services.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
      assertEquals(
          List.of("dev.strand.jdkhttp.JdkHttpBackend", "dev.strand.jetty.JettyBackend", "dev.strand.undertow.UndertowBackend"),
          backends);
    }
  }

  @Test
  void runnableJarRunsWithJavaJar() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(java.toString(), "-jar", runnableJar().toString(), "hello", "--backend", "jetty", "--host", "127.0.0.1", "--port", "0");
    try (Launched app = Launched.start(pb, Map.of())) {
      assertServesHello(app);
      assertEquals("jetty", app.backend());
    }
  }

  @Test
  void launcherRunsTheBundledRuntimeWithNoJavaOnThePath() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(Launched.launcher().toString(), "hello", "--backend", "jdkhttp", "--host", "127.0.0.1", "--port", "0");
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("JAVA_OPTS");
    pb.environment().put("PATH", "/nonexistent");
    try (Launched app = Launched.start(pb, Map.of())) {
      assertServesHello(app);
      String command = app.process.info().command().orElseThrow();
      assertEquals(Launched.image().toRealPath().resolve("runtime/bin/java").toString(), command);
    }
  }

  @Test
  void launcherFoundThroughASymlinkFindsItsImage(@TempDir Path dir) throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("strand-examples"), Launched.launcher().toAbsolutePath());
    try (Launched app = Launched.start(new ProcessBuilder(link.toString(), "--help"), Map.of())) {
      assertEquals(0, app.awaitExit(Duration.ofSeconds(60)), app.stderrText());
      assertEquals("usage: strand-examples <app> [flags]", app.stdoutLines().get(0));
    }
  }

  @Test
  void aotCacheIsUsableWhereTheImageIs() throws Exception {
    if (runtimeFeatureVersion() < 25) {
      return; // no AOT cache before JDK 25
    }
    // AOTMode=on makes the JVM refuse to start rather than ignore a cache it cannot use.
    try (Launched app = Launched.start(Map.of("JAVA_OPTS", "-XX:AOTMode=on"), "hello", "--host", "127.0.0.1", "--port", "0")) {
      assertServesHello(app);
    }
  }

  @Test
  void movedImageWithABrokenAotCacheStillStartsAndKeepsStdoutClean(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("moved image");
    Process cp = new ProcessBuilder("cp", "-a", Launched.image().toString(), copy.toString()).inheritIO().start();
    assertEquals(0, cp.waitFor());
    Path aot = copy.resolve("lib/strand-examples.aot");
    Files.write(aot, "not an AOT cache".getBytes(StandardCharsets.UTF_8));
    try (Launched app = Launched.start(new ProcessBuilder(copy.resolve("bin/strand-examples").toString(), "hello", "--host", "127.0.0.1", "--port", "0"), Map.of())) {
      assertServesHello(app); // checks the first stdout line is the ready line
    }
  }
}
