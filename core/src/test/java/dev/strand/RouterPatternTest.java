package dev.strand;

import static dev.strand.RouterTest.ECHO;
import static dev.strand.RouterTest.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pattern syntax: what is accepted and how a bad pattern is refused. */
class RouterPatternTest {

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      ignoreLeadingAndTrailingWhitespace = false,
      textBlock =
          """
          ''|it is empty
          '   '|it is empty
          ' /x'|starts with a space
          G@T /x|the method "G@T" is not an HTTP method token
          GET|the path is missing
          items|the path is missing
          GET items|the path is missing
          /a{b}|the segment "a{b}" is not a whole wildcard
          /{a}b|the segment "{a}b" is not a whole wildcard
          /{ab|the segment "{ab" is not a whole wildcard
          /{a}{b}|the segment "{a}{b}" is not a whole wildcard
          /a{$}|the segment "a{$}" is not a whole wildcard
          /{}|the wildcard "{}" has no name
          /{...}|the wildcard "{...}" has no name
          /{1a}|the wildcard name "1a" is not valid
          /{a-b}|the wildcard name "a-b" is not valid
          /{$...}|the wildcard name "$" is not valid
          /{$}/x|{$} must come last
          /{$}/|{$} must come last
          /{rest...}/b|the wildcard "{rest...}" must be the last segment
          /{rest...}/|the wildcard "{rest...}" must be the last segment
          /{x}/{x}|the wildcard name "x" appears twice
          /a/{x}/b/{x...}|the wildcard name "x" appears twice
          {x}/b|the host contains "{"
          GET //a|the path is not clean
          GET /a/../b|write "/b"
          /a/./b|the path is not clean
          /a/%2e%2e/b|the path is not clean
          example.com:8080/x|must not have a port
          GET /x y|a space in the path
          /x y|a space in the path
          """)
  void invalidPatternIsRefusedNamingThePatternAndTheProblem(String pattern, String problem) {
    Router r = Router.create();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.handle(pattern, ECHO));
    String prefix = "strand: invalid pattern \"" + pattern + "\": ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertEquals(List.of(), r.patterns());
  }

  @Test
  void nullPatternIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Router.create().handle(null, ECHO));
    assertTrue(e.getMessage().startsWith("strand: "), e.getMessage());
  }

  @ParameterizedTest(name = "\"{0}\" is accepted")
  @ValueSource(
      strings = {
        "/",
        "/{$}",
        "GET /",
        "POST example.com/foo/{w}",
        "DELETE example.com/a/{foo12}/{$}",
        "/{a}/foo/{rest...}",
        "/{_}/{_x1}",
        "/{\u00fcber}",
        "GET\t/tab",
        "PATCH  /two-spaces",
        "BREW /coffee",
        "/a}",
        "CONNECT /a//b",
        "[::1]/x",
      })
  void validPatternIsAccepted(String pattern) {
    Router r = Router.create().handle(pattern, ECHO);
    assertEquals(List.of(pattern), r.patterns());
  }

  @Test
  void tabSeparatesTheMethodLikeASpace() throws Exception {
    Router r = Router.create().handle("POST\t/t", ECHO);
    assertEquals("POST\t/t", serve(r, "POST", "/t").bodyText());
    assertEquals(405, serve(r, "GET", "/t").status());
  }

  @Test
  void methodIsCaseSensitiveAsInHttp() throws Exception {
    Router r = Router.create().handle("get /x", ECHO);
    assertEquals(405, serve(r, "GET", "/x").status());
    assertEquals(200, serve(r, "get", "/x").status());
  }

  @Test
  void unicodeWildcardNamesWork() throws Exception {
    Router r = Router.create().handle("/{\u00fcber}", ECHO);
    assertEquals("{\u00fcber=x}", serve(r, "GET", "/x").header("X-Values"));
  }
}
