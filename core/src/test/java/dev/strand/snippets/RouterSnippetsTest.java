package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Handler;
import dev.strand.Response;
import dev.strand.Router;
import dev.strand.snippets.UserApiSnippets.UserStore;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouterSnippetsTest {

  private final TestClient client = TestClient.of(RouterSnippets.userApi(new UserStore(Duration.ofMillis(1))));

  @Test
  void rootAloneAnswersHello() {
    assertEquals("Hello from Strand", client.get("/").text());
    assertEquals(404, client.get("/nothing").status());
  }

  @Test
  void userRouteReadsThePathValue() {
    assertEquals("{\"id\":1,\"name\":\"Alice\"}", client.get("/user/1").text());
    assertEquals(404, client.get("/user/9").status());
    assertEquals(400, client.get("/user/abc").status());
  }

  @Test
  void wrongMethodGets405WithAllow() {
    TestResponse r = client.send("DELETE", "/users", "application/json", "{}");
    assertEquals(405, r.status());
    assertTrue(r.header("Allow").contains("POST"), r.header("Allow"));
  }

  @Test
  void createdUserIsReadableAtItsLocation() {
    TestResponse created = client.send("POST", "/users", "application/json", "{\"name\":\"Bob\"}");
    assertEquals(201, created.status());
    assertEquals("{\"id\":2,\"name\":\"Bob\"}", client.get(created.header("Location")).text());
  }

  @Test
  void restWildcardTakesTheRestOfThePath() {
    assertEquals("file a/b/c.txt", client.get("/files/a/b/c.txt").text());
  }

  @Test
  void middlewareWrapsEveryRouteAndPerRouteLimitsApply() {
    Handler upload = (ctx, req) -> Response.text("got " + req.bytes().orElseThrow().length);
    Handler report = (ctx, req) -> Response.text("report");
    Router router = RouterSnippets.withMiddleware(Router.create(), upload, report);
    TestClient c = TestClient.of(router);
    TestResponse r = c.get("/report");
    assertEquals("report", r.text());
    assertEquals("no-store", r.header("Cache-Control"));
    assertEquals(413, c.send("POST", "/upload", "application/octet-stream", "x".repeat(64 * 1024 + 1)).status());
  }

  @Test
  void conflictingPatternsFailAtRegistrationNamingBoth() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RouterSnippets.conflict((ctx, req) -> Response.text("")));
    assertTrue(e.getMessage().contains("GET /b/{x}") && e.getMessage().contains("/b/c"), e.getMessage());
  }
}
