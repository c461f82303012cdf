package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paths: splitting targets and strict percent-decoding. */
class PathsTest {

  @Test
  void splitTargetSeparatesPathAndQuery() {
    assertEquals(new Paths.Target("/a/b", "x=1&y=2"), Paths.splitTarget("/a/b?x=1&y=2"));
    assertEquals(new Paths.Target("/a", null), Paths.splitTarget("/a"));
    assertEquals(new Paths.Target("/a", ""), Paths.splitTarget("/a?"));
    assertEquals(new Paths.Target("/a", "q=?"), Paths.splitTarget("/a?q=?"));
  }

  @Test
  void splitTargetDropsAFragment() {
    assertEquals(new Paths.Target("/a", null), Paths.splitTarget("/a#x?y"));
    assertEquals(new Paths.Target("/a", "b"), Paths.splitTarget("/a?b#c"));
  }

  @Test
  void decodePathDecodesUtf8Escapes() {
    assertEquals(Optional.of("/caf\u00e9 au lait"), Paths.decodePath("/caf%C3%A9%20au%20lait"));
    assertEquals(Optional.of("/a/b"), Paths.decodePath("/a%2Fb"));
    assertEquals(Optional.of("/a+b"), Paths.decodePath("/a+b"));
    assertEquals(Optional.of("/lower%"), Paths.decodePath("/lower%25"));
    assertEquals(Optional.of("/\u00e9"), Paths.decodePath("/%c3%a9"));
  }

  @Test
  void decodePathKeepsRawNonAsciiCharacters() {
    assertEquals(Optional.of("/\u00e9/%"), Paths.decodePath("/\u00e9/%25"));
  }

  @Test
  void decodeKeepsRawCharactersOutsideTheBmpNextToEscapes() {
    assertEquals(Optional.of("/\uD83D\uDE00 x"), Paths.decodePath("/\uD83D\uDE00%20x"));
    assertEquals(Optional.of("\uD83D\uDE00 \uD83D\uDE00"), Paths.decodeQuery("\uD83D\uDE00+\uD83D\uDE00"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"%", "/%", "/%4", "/%zz", "/%4g", "/%C3", "/%FF", "/%C3%28", "/%ED%A0%80"})
  void decodePathRefusesMalformedEscapesAndInvalidUtf8(String raw) {
    assertEquals(Optional.empty(), Paths.decodePath(raw));
  }

  @Test
  void decodeQueryTurnsPlusIntoSpace() {
    assertEquals(Optional.of("a b c"), Paths.decodeQuery("a+b%20c"));
    assertEquals(Optional.of("a+b"), Paths.decodeQuery("a%2Bb"));
  }

  @Test
  void parseQueryKeepsOrderAndRepeats() {
    Map<String, List<String>> q = Paths.parseQuery("b=2&a=1&b=3&c");
    assertEquals(List.of("b", "a", "c"), List.copyOf(q.keySet()));
    assertEquals(List.of("2", "3"), q.get("b"));
    assertEquals(List.of(""), q.get("c"));
    assertThrows(UnsupportedOperationException.class, () -> q.get("b").add("4"));
  }
}
