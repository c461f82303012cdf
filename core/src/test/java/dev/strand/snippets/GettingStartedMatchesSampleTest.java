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
 * Keeps the getting-started guide and {@code samples/consumer} identical: every block of the guide
 * that starts with a {@code file:} marker must equal that file of the sample, which {@code ./mvnw
 * verify} builds and tests against the installed artifacts with a real backend.
 */
class GettingStartedMatchesSampleTest {

  private static final Pattern MARKER = Pattern.compile("^\\s*(?://|<!--)\\s*file:\\s*(\\S+?)\\s*(?:-->)?\\s*$");

  @Test
  void everyFileOfTheGuideIsTheSamplesFile() throws IOException {
    Path docs = DocsCodeBlocksTest.docsDir();
    Path sample = docs.resolveSibling("samples").resolve("consumer");
    List<DocsCodeBlocksTest.Block> blocks =
        DocsCodeBlocksTest.blocks(Files.readAllLines(docs.resolve("getting-started.md")));
    int files = 0;
    for (DocsCodeBlocksTest.Block b : blocks) {
      if (b.lines().isEmpty()) {
        continue;
      }
      Matcher m = MARKER.matcher(b.lines().get(0));
      if (!m.matches()) {
        continue;
      }
      Path file = sample.resolve(m.group(1));
      assertTrue(Files.isRegularFile(file), "docs/getting-started.md:" + b.firstLine() + ": no " + file);
      String shown = String.join("\n", b.lines().subList(1, b.lines().size())).strip();
      assertEquals(
          Files.readString(file).strip(),
          shown,
          "docs/getting-started.md:" + b.firstLine() + " differs from samples/consumer/" + m.group(1));
      files++;
    }
    assertEquals(3, files, "the guide shows pom.xml, Main.java and MainTest.java");
  }
}
