package dev.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.internal.Json;
import dev.strand.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Problem: RFC 9457 problem details with safe construction. */
class ProblemTest {

  @Test
  void ofIsAboutBlankTitledByTheStatusPhrase() {
    Problem p = Problem.of(413, "Too big.");
    assertEquals("about:blank", p.type());
    assertEquals("Content Too Large", p.title());
    assertEquals(413, p.status());
    assertEquals("Too big.", p.detail());
    assertEquals(Map.of(), p.extensions());
  }

  @Test
  void shortcutsHaveTheirStatuses() {
    assertEquals(400, Problem.badRequest("x").status());
    assertEquals(404, Problem.notFound("x").status());
    assertEquals("Bad Request", Problem.badRequest("x").title());
  }

  @Test
  void withAddsExtensionsInOrderAndLeavesTheOriginalAlone() {
    Problem base = Problem.of(409, "Conflict.");
    Problem p = base.with("b", 1).with("a", "two");
    assertEquals(List.of("b", "a"), new ArrayList<>(p.extensions().keySet()));
    assertEquals(Map.of(), base.extensions());
    assertEquals(1, p.extensions().get("b"));
  }

  @Test
  void extensionsAreImmutable() {
    Problem p = Problem.of(400, "x").with("a", 1);
    assertThrows(UnsupportedOperationException.class, () -> p.extensions().put("b", 2));
  }

  @Test
  void extensionsAreCopiedFromTheGivenMap() {
    Map<String, Object> ext = new java.util.HashMap<>();
    ext.put("a", 1);
    Problem p = new Problem("about:blank", "Bad Request", 400, "x", ext);
    ext.put("b", 2);
    assertEquals(Map.of("a", 1), p.extensions());
  }

  @Test
  void unprocessableListsEveryViolationUnderErrors() {
    List<User.Violation> violations =
        List.of(new User.Violation("name", "must not be blank"), new User.Violation("id", "must be at least 1"));
    Problem p = Problem.unprocessable("The user is invalid.", violations);
    assertEquals(422, p.status());
    assertEquals("Unprocessable Content", p.title());
    assertEquals(violations, p.extensions().get("errors"));
    assertEquals(
        "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,\"detail\":\"The user is invalid.\","
            + "\"errors\":[{\"field\":\"name\",\"message\":\"must not be blank\"},{\"field\":\"id\",\"message\":\"must be at least 1\"}]}",
        p.toResponse().bodyText());
  }

  @Test
  void unprocessableCopiesTheErrorList() {
    List<String> errors = new ArrayList<>(List.of("a"));
    Problem p = Problem.unprocessable("x", errors);
    errors.add("b");
    assertEquals(List.of("a"), p.extensions().get("errors"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"type", "title", "status", "detail", "instance"})
  void reservedMemberNamesAreRefusedAsExtensions(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problem.of(400, "x").with(name, "v"));
    assertTrue(e.getMessage().startsWith("strand: "), e.getMessage());
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 200, 302, 399, 600, 999, -1})
  void statusOutside400To599IsRefused(int status) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problem.of(status, "x"));
    assertTrue(e.getMessage().contains(Integer.toString(status)), e.getMessage());
  }

  @Test
  void statusAtTheEdgesIsAccepted() {
    assertEquals(400, Problem.of(400, "x").status());
    assertEquals(599, Problem.of(599, "x").status());
    assertEquals("Server Error", Problem.of(599, "x").title());
    assertEquals("Client Error", Problem.of(460, "x").title());
  }

  @Test
  void requiredMembersMustNotBeNull() {
    assertThrows(NullPointerException.class, () -> Problem.of(400, null));
    assertThrows(NullPointerException.class, () -> new Problem(null, "t", 400, "d", Map.of()));
    assertThrows(NullPointerException.class, () -> new Problem("about:blank", null, 400, "d", Map.of()));
    assertThrows(NullPointerException.class, () -> new Problem("about:blank", "t", 400, "d", null));
  }

  @Test
  void aCustomTypeIsWrittenAsGiven() {
    Problem p = new Problem("https://example.com/probs/out-of-credit", "You do not have enough credit.", 403, "Balance 30, cost 50.", Map.of("balance", 30));
    @SuppressWarnings("unchecked")
    Map<String, Object> body = Json.read(p.toResponse().body(), Map.class).orElseThrow();
    assertEquals("https://example.com/probs/out-of-credit", body.get("type"));
    assertEquals("You do not have enough credit.", body.get("title"));
    assertEquals(30, body.get("balance"));
  }

  @Test
  void statusPhrasesFollowRfc9110() {
    assertEquals("OK", Status.phrase(200));
    assertEquals("Not Found", Status.phrase(404));
    assertEquals("Method Not Allowed", Status.phrase(405));
    assertEquals("Request Header Fields Too Large", Status.phrase(431));
    assertEquals("Client Closed Request", Status.phrase(499));
    assertEquals("Gateway Timeout", Status.phrase(504));
    assertEquals("Status 299", Status.phrase(299));
  }
}
