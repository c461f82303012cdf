package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RequestIds: echo 1 to 64 of [A-Za-z0-9._-], else make 16 hex digits. */
class RequestIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "0", "abc-123", "a.b_c-d", "550e8400-e29b-41d4-a716-446655440000"})
  void idsOfTheAllowedCharactersAreValid(String id) {
    assertTrue(RequestIds.isValid(id));
    assertEquals(id, RequestIds.choose(id));
  }

  @Test
  void sixtyFourCharactersIsTheLongestValidId() {
    assertTrue(RequestIds.isValid("x".repeat(64)));
    assertFalse(RequestIds.isValid("x".repeat(65)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a b", "a/b", "a:b", "<script>", "\u00e9", "a\tb", "a\r\nb", "id;drop"})
  void otherIdsAreInvalidAndReplaced(String id) {
    assertFalse(RequestIds.isValid(id));
    assertTrue(RequestIds.choose(id).matches("[0-9a-f]{16}"));
  }

  @Test
  void nullIsReplaced() {
    assertFalse(RequestIds.isValid(null));
    assertTrue(RequestIds.choose(null).matches("[0-9a-f]{16}"));
  }

  @Test
  void generatedIdsAreSixteenHexDigitsAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.generate();
      assertTrue(id.matches("[0-9a-f]{16}"), id);
      seen.add(id);
    }
    assertEquals(10_000, seen.size());
  }
}
