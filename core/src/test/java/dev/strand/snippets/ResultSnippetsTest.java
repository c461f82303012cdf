package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResultSnippetsTest {

  @Test
  void attemptFallsBackWhenTheCallThrows() {
    assertEquals(9090, ResultSnippets.port("9090"));
    assertEquals(8080, ResultSnippets.port("eighty"));
  }

  @Test
  void combinatorsTransformOneCaseAndKeepTheOther() {
    assertEquals("see /user/7", ResultSnippets.describe("7"));
    assertEquals("bad id x", ResultSnippets.describe("x"));
  }
}
