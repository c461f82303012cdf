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

/** Which patterns may live together, which one wins, and how a conflict is reported. */
class RouterConflictTest {

  @ParameterizedTest(name = "\"{0}\" then \"{1}\" conflict: both match {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /a                     | /a                    | GET /a
          GET /a                 | GET /a                | GET /a
          /{x}                   | /{y}                  | GET /y
          /a/{x...}              | /a/{y...}             | GET /a/
          /a/                    | /a/{rest...}          | GET /a/
          /b/c                   | GET /b/{x}            | GET /b/c
          /a/b/{y}               | /a/{x}/c              | GET /a/b/c
          /a/{y}                 | /{x}/b                | GET /a/b
          /{y}/b                 | /a/{x...}             | GET /a/b
          GET /a                 | HEAD /{x}             | HEAD /a
          /a                     | POST /{x}             | POST /a
          example.com/{x}/b      | example.com/a/{y}     | GET /a/b on host example.com
          /{x}/c/{y...}          | /a/{x}/b/{$}          | GET /a/c/b/
          /{$}                   | GET /{x...}           | GET /
          """)
  void overlappingPatternsConflictAndTheMessageNamesBothAndAnExample(String earlier, String later, String example) {
    Router r = Router.create().handle(earlier, ECHO);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.handle(later, ECHO));
    String want = "strand: pattern \"" + later + "\" conflicts with \"" + earlier + "\" (registered earlier): both match "
        + example + ", and ";
    assertTrue(e.getMessage().startsWith(want), () -> "got:  " + e.getMessage() + "\nwant: " + want + "...");
    assertEquals(List.of(earlier), r.patterns(), "a refused pattern is not registered");
  }

  @Test
  void conflictMessageMatchesTheDocumentedExample() {
    Router r = Router.create().handle("/b/c", ECHO);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.handle("GET /b/{x}", ECHO));
    assertTrue(
        e.getMessage().startsWith("strand: pattern \"GET /b/{x}\" conflicts with \"/b/c\" (registered earlier): both"
            + " match GET /b/c, and neither is more specific"),
        e.getMessage());
    assertTrue(e.getMessage().contains("fewer methods but more paths"), e.getMessage());
  }

  @Test
  void samePatternTwiceSaysTheyMatchTheSameRequests() {
    Router r = Router.create().handle("GET /x/{id}", ECHO);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.handle("GET /x/{key}", ECHO));
    assertTrue(e.getMessage().contains("match exactly the same requests"), e.getMessage());
  }

  @Test
  void overlappingPathsMessageGivesARequestEachMatchesAlone() {
    Router r = Router.create().handle("/a/b/{y}", ECHO);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.handle("/a/{x}/c", ECHO));
    assertTrue(e.getMessage().contains("\"/a/{x}/c\" matches GET /a/x/c but \"/a/b/{y}\" does not"), e.getMessage());
    assertTrue(e.getMessage().contains("\"/a/b/{y}\" matches GET /a/b/y but \"/a/{x}/c\" does not"), e.getMessage());
  }

  @Test
  void conflictIsFoundAmongManyPatterns() {
    Router r = Router.create();
    for (int i = 0; i < 300; i++) {
      r.handle("GET /items/" + i + "/{x}", ECHO);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> r.handle("GET /items/{id}/name", ECHO));
    assertTrue(e.getMessage().contains("conflicts with \"GET /items/0/{x}\""), e.getMessage());
    assertEquals(300, r.patterns().size());
  }

  @Test
  void routerStillServesAfterARefusedPattern() throws Exception {
    Router r = Router.create().handle("/a/{x}", ECHO);
    assertThrows(IllegalArgumentException.class, () -> r.handle("/{y}/b", ECHO));
    assertEquals("/a/{x}", serve(r, "GET", "/a/b").bodyText());
    assertEquals(404, serve(r, "GET", "/c/b").status());
  }

  /**
   * Pairs that may be registered together; for each request, the pattern that must serve it. Each
   * pair is tried in both registration orders: precedence does not depend on order.
   */
  @ParameterizedTest(name = "\"{0}\" and \"{1}\": {2} {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /a                  | /{x}                | GET    | /a          | /a
          /a                  | /{x}                | GET    | /b          | /{x}
          GET /a              | /a                  | GET    | /a          | GET /a
          GET /a              | /a                  | POST   | /a          | /a
          GET /a              | /a                  | HEAD   | /a          | GET /a
          GET /a              | HEAD /a             | HEAD   | /a          | HEAD /a
          GET /a              | HEAD /a             | GET    | /a          | GET /a
          GET /a              | POST /a             | POST   | /a          | POST /a
          GET /{x}            | POST /a             | POST   | /a          | POST /a
          /a/                 | /a/b                | GET    | /a/b        | /a/b
          /a/                 | /a/b                | GET    | /a/c        | /a/
          /a/                 | /a/b                | GET    | /a/b/c      | /a/
          /                   | /{$}                | GET    | /           | /{$}
          /                   | /{$}                | GET    | /x          | /
          /a/{x...}           | /a/{x}              | GET    | /a/b        | /a/{x}
          /a/{x...}           | /a/{x}              | GET    | /a/b/c      | /a/{x...}
          /a/{x...}           | /a/{x}              | GET    | /a/         | /a/{x...}
          /a/b/{$}            | /a/b/               | GET    | /a/b/       | /a/b/{$}
          /a/b/{$}            | /a/b/               | GET    | /a/b/c      | /a/b/
          /{x}/{y}            | /a/{y}              | GET    | /a/b        | /a/{y}
          /{x}/{y}            | /a/{y}              | GET    | /b/b        | /{x}/{y}
          /a/b/z              | /a/{x}/c            | GET    | /a/b/c      | /a/{x}/c
          /a/b/z              | /a/{x}/c            | GET    | /a/b/z      | /a/b/z
          /a/{x}              | /a/{x}/             | GET    | /a/b        | /a/{x}
          /a/{x}              | /a/{x}/             | GET    | /a/b/       | /a/{x}/
          GET /{x}            | /a/                 | GET    | /a          | GET /{x}
          /a/{$}              | /a                  | GET    | /a          | /a
          /a/{$}              | /a                  | GET    | /a/         | /a/{$}
          /a/{x}/{y...}       | /a/b/{$}            | GET    | /a/b/       | /a/b/{$}
          /a/{x}/{y...}       | /a/b/{$}            | GET    | /a/c/       | /a/{x}/{y...}
          /{x}/b/{z...}       | /a/b/c              | GET    | /a/b/c      | /a/b/c
          /{x}/b/{z...}       | /a/b/c              | GET    | /q/b/c      | /{x}/b/{z...}
          example.com/{x}     | /a                  | GET    | /a          | example.com/{x}
          /users/{id}         | /users/new          | GET    | /users/new  | /users/new
          /users/{id}         | /users/new          | GET    | /users/7    | /users/{id}
          """)
  void moreSpecificPatternWinsWhicheverIsRegisteredFirst(String p1, String p2, String method, String path, String want)
      throws Exception {
    for (List<String> order : List.of(List.of(p1, p2), List.of(p2, p1))) {
      Router r = Router.create();
      order.forEach(p -> r.handle(p, ECHO));
      Response res = serve(r, method, path, "Host", "example.com");
      assertEquals(200, res.status(), () -> order + " " + method + " " + path + ": " + res.bodyText());
      assertEquals(want, res.bodyText(), () -> "registered " + order);
    }
  }

  @Test
  void hostPatternNeverConflictsWithAHostlessOne() throws Exception {
    Router r = Router.create().handle("/{x}", ECHO).handle("example.com/{y}", ECHO).handle("other.org/{z}", ECHO);
    assertEquals("example.com/{y}", serve(r, "GET", "/q", "Host", "example.com").bodyText());
    assertEquals("other.org/{z}", serve(r, "GET", "/q", "Host", "other.org").bodyText());
    assertEquals("/{x}", serve(r, "GET", "/q", "Host", "third.net").bodyText());
  }

  @Test
  void registrationOrderDoesNotChangeManyPatternRouting() throws Exception {
    List<String> patterns = List.of(
        "/", "/{$}", "GET /users", "POST /users", "GET /users/{id}", "PUT /users/{id}", "GET /users/me",
        "/users/{id}/files/{path...}", "GET /static/", "GET /static/{$}",
        "example.com/users/{id}");
    List<String> requests = List.of(
        "GET /", "GET /x", "GET /users", "POST /users", "DELETE /users", "GET /users/7", "PUT /users/7",
        "GET /users/me", "PUT /users/me", "GET /users/7/files/", "GET /users/7/files/a/b", "GET /static/",
        "GET /static/css/site.css");
    Router forward = Router.create();
    patterns.forEach(p -> forward.handle(p, ECHO));
    Router backward = Router.create();
    patterns.reversed().forEach(p -> backward.handle(p, ECHO));
    for (String req : requests) {
      int space = req.indexOf(' ');
      String method = req.substring(0, space);
      String path = req.substring(space + 1);
      Response a = serve(forward, method, path);
      Response b = serve(backward, method, path);
      assertEquals(a.status(), b.status(), req);
      assertEquals(a.bodyText(), b.bodyText(), req);
      assertEquals(a.header("X-Values"), b.header("X-Values"), req);
    }
    assertEquals("GET /users/me", serve(forward, "GET", "/users/me").bodyText());
    assertEquals("PUT /users/{id}", serve(forward, "PUT", "/users/me").bodyText());
    assertEquals("/", serve(forward, "DELETE", "/users").bodyText());
    assertEquals("/users/{id}/files/{path...}", serve(forward, "GET", "/users/7/files/a/b").bodyText());
    assertEquals("GET /static/{$}", serve(forward, "GET", "/static/").bodyText());
  }
}
