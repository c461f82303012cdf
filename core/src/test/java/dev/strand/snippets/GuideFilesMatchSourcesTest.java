package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the guides that show whole files identical to files the build compiles and runs: every block
 * that starts with a {@code file:} marker must equal that file under the guide's source folder.
 */
class GuideFilesMatchSourcesTest {

  private static final Pattern MARKER = Pattern.compile("^\\s*(?://|<!--)\\s*file:\\s*(\\S+?)\\s*(?:-->)?\\s*$");

  /** Checks every marked block of {@code guide} against {@code base}; returns how many there were. */
  private static int check(String guide, Path base) throws IOException {
    Path docs = DocsCodeBlocksTest.docsDir();
    int files = 0;
    for (DocsCodeBlocksTest.Block b : DocsCodeBlocksTest.blocks(Files.readAllLines(docs.resolve(guide)))) {
      Matcher m = b.lines().isEmpty() ? null : MARKER.matcher(b.lines().get(0));
      if (m == null || !m.matches()) {
        continue;
      }
      String where = "docs/" + guide + ":" + b.firstLine();
      Path file = base.resolve(m.group(1));
      assertTrue(Files.isRegularFile(file), where + ": no " + file);
      String shown = String.join("\n", b.lines().subList(1, b.lines().size())).strip();
      assertEquals(Files.readString(file).strip(), shown, where + " differs from " + file);
      files++;
    }
    return files;
  }

  /** The getting-started project is samples/consumer, which verify builds against the installed artifacts. */
  @Test
  void gettingStartedShowsSamplesConsumer() throws IOException {
    Path root = DocsCodeBlocksTest.docsDir().getParent();
    assertEquals(3, check("getting-started.md", root.resolve("samples/consumer")), "pom.xml, Main.java, MainTest.java");
  }

  /** The backend of the backend guide is LoopbackBackend, which core's tests run the contracts against. */
  @Test
  void writingABackendShowsLoopbackBackendAndItsContractTests() throws IOException {
    Path root = DocsCodeBlocksTest.docsDir().getParent();
    assertEquals(2, check("writing-a-backend.md", root.resolve("core/src/test/java")), "LoopbackBackend and a contract test");
  }
}
