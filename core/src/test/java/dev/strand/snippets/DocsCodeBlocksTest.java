package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every Java code block of the guides in {@code docs/*.md}, so a guide cannot show code that
 * does not build. Each guide is one test; an error names the guide and its line.
 *
 * <p>The convention, also written in {@code docs/README.md}:
 *
 * <ul>
 *   <li>A {@code ```java} block whose first line is {@code // file: Name.java} (any path before the
 *       name) is a whole source file, compiled as it is.
 *   <li>A {@code ```java members} block holds declarations (methods, fields, records, interfaces). All
 *       such blocks of one guide go, in order, into one class, so a later block can use what an
 *       earlier one declared.
 *   <li>Any other {@code ```java} block holds statements. Each becomes the body of a method of that
 *       same class, with {@code Context ctx} and {@code Request request} in scope.
 *   <li>A statement block whose first line is {@code // does not compile: TEXT} must fail to compile,
 *       with an error containing {@code TEXT}: for showing what the compiler refuses.
 *   <li>A {@code ```java-nocompile} block is not compiled; its first line must say why, as
 *       {@code // not compiled: REASON}.
 * </ul>
 *
 * <p>Members and statement blocks see these imports: {@value #IMPORTS} All blocks are compiled with
 * Error Prone, as the README sets it up, against core's test class path (no backend classes there).
 */
class DocsCodeBlocksTest {

  static final String IMPORTS =
      "import dev.strand.*; import dev.strand.model.*; import dev.strand.testing.*; "
          + "import java.io.*; import java.net.*; import java.net.http.*; import java.nio.charset.*; "
          + "import java.time.*; import java.util.*; import java.util.concurrent.*; import java.util.concurrent.atomic.*; "
          + "import org.junit.jupiter.api.*; import static org.junit.jupiter.api.Assertions.*;";

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+)\\s*([^\\s`]*)\\s*(\\S*).*$");
  private static final Pattern FILE = Pattern.compile("^\\s*//\\s*file:\\s*(\\S+\\.java)\\s*$");
  private static final Pattern FAILS = Pattern.compile("^\\s*//\\s*does not compile:\\s*(.+?)\\s*$");
  private static final Pattern REASON = Pattern.compile("^\\s*//\\s*not compiled:\\s*\\S.*$");

  /** A fenced block: its language, the word after it, its first content line in the file, its lines. */
  record Block(String lang, String kind, int firstLine, List<String> lines) {}

  static Path docsDir() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("pom.xml"))
          && Files.isDirectory(p.resolve("core"))) {
        return p.resolve("docs");
      }
    }
    throw new IllegalStateException("strand: cannot find the repository's docs/ folder above " + here);
  }

  static List<Block> blocks(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String indent = open.group(1);
      String fence = open.group(2);
      List<String> content = new ArrayList<>();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).strip().startsWith(fence)) {
        String l = lines.get(j);
        content.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
        j++;
      }
      blocks.add(new Block(open.group(3).toLowerCase(Locale.ROOT), open.group(4), i + 2, content));
      i = j;
    }
    return blocks;
  }

  /** Builds the guide's sources: its whole-file blocks, and one class for everything else. */
  static final class Guide {
    final String origin;
    final String className;
    final List<InMemoryJavac.Source> files = new ArrayList<>();
    final StringBuilder body = new StringBuilder();
    final List<Integer> bodyMap = new ArrayList<>();
    final List<Block> mustFail = new ArrayList<>();

    Guide(String origin, String className) {
      this.origin = origin;
      this.className = className;
    }

    void line(String text, int originLine) {
      body.append(text).append('\n');
      bodyMap.add(originLine);
    }

    void lines(Block b) {
      for (int k = 0; k < b.lines().size(); k++) {
        line(b.lines().get(k), b.firstLine() + k);
      }
    }

    void statements(Block b) {
      line("void block" + b.firstLine() + "(Context ctx, Request request) throws Exception {", 0);
      lines(b);
      line("}", 0);
    }

    /** The class holding the members and statement blocks, plus {@code extra} as one more method. */
    InMemoryJavac.Source scaffold(Block extra) {
      StringBuilder text = new StringBuilder(IMPORTS + "\n@SuppressWarnings(\"unused\") class " + className + " {\n");
      List<Integer> map = new ArrayList<>(List.of(0, 0));
      text.append(body);
      map.addAll(bodyMap);
      if (extra != null) {
        text.append("void block").append(extra.firstLine()).append("(Context ctx, Request request) throws Exception {\n");
        map.add(0);
        for (int k = 0; k < extra.lines().size(); k++) {
          text.append(extra.lines().get(k)).append('\n');
          map.add(extra.firstLine() + k);
        }
        text.append("}\n");
        map.add(0);
      }
      text.append("}\n");
      map.add(0);
      return new InMemoryJavac.Source(className + ".java", text.toString(), origin, map.stream().mapToInt(Integer::intValue).toArray());
    }

    List<InMemoryJavac.Source> sources(Block extra) {
      List<InMemoryJavac.Source> all = new ArrayList<>(files);
      all.add(scaffold(extra));
      return all;
    }
  }

  static Guide guide(Path md) throws IOException {
    String name = md.getFileName().toString();
    String className = "Guide_" + name.replaceAll("\\.md$", "").replaceAll("[^A-Za-z0-9]", "_");
    Guide g = new Guide("docs/" + name, className);
    for (Block b : blocks(Files.readAllLines(md))) {
      String first = b.lines().isEmpty() ? "" : b.lines().get(0);
      switch (b.lang()) {
        case "java" -> {
          Matcher file = FILE.matcher(first);
          if (file.matches()) {
            String path = file.group(1);
            String simple = path.substring(path.lastIndexOf('/') + 1);
            int[] map = new int[b.lines().size()];
            for (int k = 0; k < map.length; k++) {
              map[k] = b.firstLine() + k;
            }
            g.files.add(new InMemoryJavac.Source("L" + b.firstLine() + "/" + simple, String.join("\n", b.lines()) + "\n", g.origin, map));
          } else if (b.kind().equals("members")) {
            g.lines(b);
          } else if (FAILS.matcher(first).matches()) {
            g.mustFail.add(b);
          } else {
            g.statements(b);
          }
        }
        case "java-nocompile" ->
            assertTrue(
                REASON.matcher(first).matches(),
                g.origin + ":" + b.firstLine() + ": a java-nocompile block must start with // not compiled: REASON");
        default -> {
          // other languages (go, ts, sh, xml...) are not compiled
        }
      }
    }
    return g;
  }

  @Test
  void blocksAreFoundWithTheirLanguageKindAndFirstLine() {
    List<Block> found =
        blocks(List.of("# T", "", "```java members", "int x;", "```", "text", "  ```go", "  func f() {}", "  ```", "```java", "```"));
    assertEquals(3, found.size());
    assertEquals(new Block("java", "members", 4, List.of("int x;")), found.get(0));
    assertEquals(new Block("go", "", 8, List.of("func f() {}")), found.get(1));
    assertEquals(new Block("java", "", 11, List.of()), found.get(2));
  }

  @Test
  void theGuidesHaveJavaBlocks() throws IOException {
    int java = 0;
    try (Stream<Path> s = Files.list(docsDir())) {
      for (Path md : s.filter(p -> p.toString().endsWith(".md")).toList()) {
        java += (int) blocks(Files.readAllLines(md)).stream().filter(b -> b.lang().startsWith("java")).count();
      }
    }
    assertTrue(java >= 10, "only " + java + " Java blocks found in docs/*.md; is the fence parser broken?");
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockInTheGuidesCompiles() throws IOException {
    List<Path> guides;
    try (Stream<Path> s = Files.list(docsDir())) {
      guides = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    assertFalse(guides.isEmpty(), "no guides in " + docsDir());
    return guides.stream().map(md -> DynamicTest.dynamicTest(md.getFileName().toString(), () -> check(md)));
  }

  private static void check(Path md) throws IOException {
    Guide g = guide(md);
    InMemoryJavac.Outcome o = InMemoryJavac.compile(g.sources(null));
    if (!o.success()) {
      fail("Java blocks in " + g.origin + " do not compile:\n" + String.join("\n", o.errors()));
    }
    for (Block b : g.mustFail) {
      Matcher m = FAILS.matcher(b.lines().get(0));
      assertTrue(m.matches());
      InMemoryJavac.Outcome bad = InMemoryJavac.compile(g.sources(b));
      String where = g.origin + ":" + b.firstLine();
      assertFalse(bad.success(), where + ": the block marked 'does not compile' compiles");
      assertTrue(
          bad.errors().stream().anyMatch(e -> e.contains(m.group(1))),
          where + ": expected an error containing '" + m.group(1) + "', got:\n" + String.join("\n", bad.errors()));
    }
  }
}
