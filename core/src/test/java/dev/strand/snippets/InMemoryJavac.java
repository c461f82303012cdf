package dev.strand.snippets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in memory against the test class path, with Error Prone on as in
 * Strand's own build and as the README tells users to set it up, so an ignored {@code Result} fails
 * here too.
 */
final class InMemoryJavac {
  private InMemoryJavac() {}

  /**
   * A source to compile.
   *
   * @param name the file name javac sees, such as {@code demo/Main.java}
   * @param text the source text
   * @param origin where the source came from, for messages (such as {@code docs/errors.md})
   * @param lineMap for each line of {@code text}, the line of {@code origin} it came from, or 0 for a
   *     line added around it
   */
  record Source(String name, String text, String origin, int[] lineMap) {
    /** A source that is its own origin, line for line. */
    static Source of(String name, String text) {
      int lines = (int) text.lines().count();
      int[] map = new int[lines];
      for (int i = 0; i < lines; i++) {
        map[i] = i + 1;
      }
      return new Source(name, text, name, map);
    }

    /** Maps a line of the compiled text to the line of {@code origin} it came from. */
    long originLine(long compiledLine) {
      return compiledLine >= 1 && compiledLine <= lineMap.length ? lineMap[(int) compiledLine - 1] : 0;
    }
  }

  /**
   * What a compilation gave.
   *
   * @param success whether it compiled
   * @param errors each error as {@code origin:line: message}
   */
  record Outcome(boolean success, List<String> errors) {}

  static Outcome compile(List<Source> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> files = new ArrayList<>();
    for (Source s : sources) {
      files.add(new InMemorySource(s));
    }
    String cp = System.getProperty("java.class.path");
    Path out;
    try {
      out = Files.createTempDirectory("strand-docs-javac");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> options =
        List.of(
            "--release", "21",
            "-d", out.toString(),
            "-classpath", cp,
            "-processorpath", cp,
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne");
    boolean ok;
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      ok = javac.getTask(null, fm, diagnostics, options, null, files).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(out);
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String where =
          d.getSource() instanceof InMemorySource src
              ? src.source.origin() + ":" + src.source.originLine(d.getLineNumber())
              : String.valueOf(d.getSource());
      errors.add(where + ": " + d.getMessage(Locale.ROOT));
    }
    return new Outcome(ok, errors);
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }

  private static final class InMemorySource extends SimpleJavaFileObject {
    final Source source;

    InMemorySource(Source source) {
      super(URI.create("string:///" + source.name()), Kind.SOURCE);
      this.source = source;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return source.text();
    }
  }
}
