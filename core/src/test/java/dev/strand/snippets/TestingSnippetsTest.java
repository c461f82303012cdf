package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strand.model.User;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import org.junit.jupiter.api.Test;

/** The TestClient examples: each test here is shown in the API documentation as written. */
class TestingSnippetsTest {

  // @start region=get
  @Test
  void getUserAnswersAliceAsJson() {
    TestClient client = TestClient.of(UserApiSnippets::handleUser);
    TestResponse r = client.get("/user/1");
    assertEquals(200, r.status());
    assertEquals("application/json", r.contentType());
    assertEquals(new User(1, "Alice"), r.json(User.class).orElseThrow());
  }
  // @end
}
