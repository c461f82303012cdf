package dev.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Headers: ordered, case-insensitive names, repeats kept, injection refused. */
class HeadersTest {

  @Test
  void lookupIgnoresTheCaseOfTheName() {
    Headers h = Headers.of("Content-Type", "text/plain");
    assertEquals(Optional.of("text/plain"), h.first("content-type"));
    assertEquals("text/plain", h.get("CONTENT-TYPE"));
    assertTrue(h.contains("cOnTeNt-TyPe"));
    assertFalse(h.contains("Content-Length"));
    assertNull(h.get("Content-Length"));
    assertEquals(Optional.empty(), h.first("Content-Length"));
  }

  @Test
  void repeatsAreKeptInOrder() {
    Headers h = Headers.of("Set-Cookie", "a=1", "Vary", "Accept", "set-cookie", "b=2", "SET-COOKIE", "c=3");
    assertEquals(List.of("a=1", "b=2", "c=3"), h.all("Set-Cookie"));
    assertEquals("a=1", h.get("set-cookie"));
    assertEquals(4, h.size());
    assertEquals(List.of(), h.all("Missing"));
  }

  @Test
  void namesKeepTheirCaseForTheWireAndAreListedLowerCaseOnce() {
    Headers h = Headers.of("X-Trace", "1", "x-trace", "2", "Accept", "*/*");
    List<String> seen = new ArrayList<>();
    h.forEach((n, v) -> seen.add(n + "=" + v));
    assertEquals(List.of("X-Trace=1", "x-trace=2", "Accept=*/*"), seen);
    assertEquals(List.of("x-trace", "accept"), new ArrayList<>(h.names()));
  }

  @Test
  void withReplacesEveryValueOfTheName() {
    Headers h = Headers.of("A", "1", "b", "2", "a", "3").with("A", "9");
    assertEquals(List.of("9"), h.all("a"));
    assertEquals(2, h.size());
    assertEquals("Headers{b: 2, A: 9}", h.toString());
  }

  @Test
  void plusAppendsAfterExistingValues() {
    Headers h = Headers.of("Vary", "Accept").plus("vary", "Origin");
    assertEquals(List.of("Accept", "Origin"), h.all("Vary"));
  }

  @Test
  void withoutRemovesEveryValueOfTheName() {
    Headers h = Headers.of("A", "1", "B", "2", "a", "3").without("a");
    assertFalse(h.contains("A"));
    assertEquals(Headers.of("B", "2"), h);
    assertSame(Headers.empty(), Headers.of("A", "1").without("A"));
  }

  @Test
  void headersAreImmutable() {
    Headers original = Headers.of("A", "1");
    Headers changed = original.with("A", "2").plus("B", "3").without("A");
    assertEquals(Headers.of("A", "1"), original);
    assertEquals(Headers.of("B", "3"), changed);
    assertThrows(UnsupportedOperationException.class, () -> original.all("A").add("x"));
    assertThrows(UnsupportedOperationException.class, () -> original.names().add("x"));
  }

  @Test
  void emptyHeadersHaveNoFields() {
    assertTrue(Headers.empty().isEmpty());
    assertEquals(0, Headers.empty().size());
    assertSame(Headers.empty(), Headers.of());
    assertEquals(Set.of(), Headers.empty().names());
  }

  @Test
  void equalityIgnoresTheCaseOfNamesButNotOfValues() {
    Headers a = Headers.of("Content-Type", "text/plain", "X-A", "1");
    Headers b = Headers.of("content-type", "text/plain", "x-a", "1");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, Headers.of("Content-Type", "TEXT/PLAIN", "X-A", "1"));
    assertNotEquals(a, Headers.of("Content-Type", "text/plain"));
    assertNotEquals(a, "Content-Type: text/plain");
  }

  @Test
  void equalityRespectsOrder() {
    assertNotEquals(Headers.of("A", "1", "B", "2"), Headers.of("B", "2", "A", "1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\r\nSet-Cookie: evil=1", "a\0b", "\n"})
  void valuesWithCrLfOrNulAreRefusedEverywhere(String value) {
    assertThrows(IllegalArgumentException.class, () -> Headers.of("X-A", value));
    assertThrows(IllegalArgumentException.class, () -> Headers.empty().with("X-A", value));
    assertThrows(IllegalArgumentException.class, () -> Headers.empty().plus("X-A", value));
    assertThrows(IllegalArgumentException.class, () -> Headers.builder().add("X-A", value));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Headers.builder().set("X-A", value));
    assertTrue(e.getMessage().startsWith("strand: "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bad Name", "Colon:", "(paren)", "Na\u00efve", "tab\there", "new\nline", "quote\"", "slash/"})
  void namesThatAreNotHttpTokensAreRefused(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Headers.of(name, "v"));
    assertTrue(e.getMessage().startsWith("strand: invalid header name"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "the message never carries a raw newline");
  }

  @Test
  void everyTokenCharacterIsAcceptedInNames() {
    Headers h = Headers.of("!#$%&'*+-.^_`|~09azAZ", "v");
    assertEquals("v", h.get("!#$%&'*+-.^_`|~09AZaz"));
  }

  @Test
  void nullNameOrValueIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Headers.of(null, "v"));
    assertThrows(IllegalArgumentException.class, () -> Headers.of("A", null));
  }

  @Test
  void anOddNumberOfArgumentsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Headers.of("A", "1", "B"));
    assertTrue(e.getMessage().contains("odd"), e.getMessage());
  }

  @Test
  void valuesMayHoldTabsSpacesAndNonAscii() {
    Headers h = Headers.of("X-A", "a\tb c \u00e9");
    assertEquals("a\tb c \u00e9", h.get("x-a"));
  }

  @Test
  void theTrustedBuilderSkipsValidationForBackends() {
    Headers h = Headers.trustedBuilder().add("weird name", "v").build();
    assertEquals("v", h.get("WEIRD NAME"));
  }

  @Test
  void aBuilderGrowsPastItsInitialCapacity() {
    Headers.Builder b = Headers.builder();
    for (int i = 0; i < 100; i++) {
      b.add("X-" + i, Integer.toString(i));
    }
    Headers h = b.build();
    assertEquals(100, h.size());
    assertEquals("57", h.get("x-57"));
    Headers more = h.toBuilder().add("Last", "yes").build();
    assertEquals(101, more.size());
    assertEquals(100, h.size());
  }

  @Test
  void wireSizeCountsNameValueAndSeparators() {
    assertEquals("A: 1\r\n".length() + "Bb: 22\r\n".length(), Headers.of("A", "1", "Bb", "22").wireSize());
    assertEquals(0, Headers.empty().wireSize());
  }
}
