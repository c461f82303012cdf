package dev.strand.errcheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that an ignored Result fails the build: compiles small sources with Error Prone set up as
 * the README tells users to, and checks the outcome.
 */
class ErrcheckTest {

  @TempDir Path out;

  private record Outcome(boolean success, String diagnostics) {}

  private Outcome compile(String className, String source) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    String cp = System.getProperty("java.class.path");
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///demo/" + className + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      List<String> options =
          List.of(
              "--release", "21",
              "-d", out.toString(),
              "-classpath", cp,
              "-processorpath", cp,
              "-XDcompilePolicy=simple",
              "--should-stop=ifError=FLOW",
              "-Xplugin:ErrorProne");
      boolean ok = javac.getTask(diagnostics, fm, null, options, null, List.of(file)).call();
      return new Outcome(ok, diagnostics.toString());
    }
  }

  private static final String IGNORES =
      """
      package demo;
      import dev.strand.Result;
      class Ignores {
        static Result<Integer, String> parse(String s) {
          return s.isEmpty() ? Result.err("empty") : Result.ok(s.length());
        }
        void run() {
          dev.strand.model.User.validateName("");   // a Strand method returning Result, dropped
        }
      }
      """;

  private static final String USES =
      """
      package demo;
      import dev.strand.Result;
      class Uses {
        String run() {
          return switch (dev.strand.model.User.validateName("")) {
            case Result.Ok<String, ?> ok -> ok.value();
            case Result.Err<String, ?> err -> "invalid: " + err.error();
          };
        }
      }
      """;

  private static final String IGNORES_MAP =
      """
      package demo;
      import dev.strand.Result;
      class IgnoresMap {
        void run() {
          Result.<Integer, String>ok(1).map(x -> x + 1);   // a Result method's result, dropped
        }
      }
      """;

  @Test
  void ignoringAStrandResultIsACompileError() throws Exception {
    Outcome o = compile("Ignores", IGNORES);
    assertFalse(o.success(), "compiled although a Result was ignored:\n" + o.diagnostics());
    assertTrue(o.diagnostics().contains("[CheckReturnValue]"), o.diagnostics());
    assertTrue(o.diagnostics().contains("must be used"), o.diagnostics());
  }

  @Test
  void ignoringTheResultOfAResultMethodIsACompileError() throws Exception {
    Outcome o = compile("IgnoresMap", IGNORES_MAP);
    assertFalse(o.success(), "compiled although map's Result was ignored:\n" + o.diagnostics());
    assertTrue(o.diagnostics().contains("[CheckReturnValue]"), o.diagnostics());
  }

  @Test
  void usingTheResultCompiles() throws Exception {
    Outcome o = compile("Uses", USES);
    assertTrue(o.success(), o.diagnostics());
    assertTrue(Files.exists(out.resolve("demo/Uses.class")));
  }
}
