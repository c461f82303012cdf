package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strand.model.User;
import dev.strand.snippets.UserApiSnippets.UserStore;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TestClient examples: each test here is shown in the API documentation as written. */
class TestingSnippetsTest {

  // @start region=get
  @Test
  void getUserAnswersAliceAsJson() {
    TestClient client = TestClient.of(RouterSnippets.userApi(new UserStore(Duration.ofMillis(1))));
    TestResponse r = client.get("/user/1");
    assertEquals(200, r.status());
    assertEquals("application/json", r.contentType());
    assertEquals(new User(1, "Alice"), r.json(User.class).orElseThrow());
  }
  // @end

  // @start region=errors
  @Test
  void unknownUserGetsA404Problem() {
    TestResponse r = TestClient.of(RouterSnippets.userApi(new UserStore(Duration.ofMillis(1)))).get("/user/42");
    assertEquals(404, r.status());
    assertEquals("application/problem+json", r.contentType());
    assertEquals("There is no user 42.", r.json(Map.class).orElseThrow().get("detail"));
  }
  // @end
}
