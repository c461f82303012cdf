package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Context;
import dev.strand.Handler;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.ServerConfig;
import dev.strand.model.User;
import dev.strand.snippets.UserApiSnippets.UserStore;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserApiSnippetsTest {

  private static Response getUserWithId(Handler handler, Context ctx, String id) throws Exception {
    return handler.serve(ctx, Request.builder("GET", "/user/" + id).route("GET /user/{id}", Map.of("id", id)).build());
  }

  @Test
  void helloAnswersTheSeedsGreeting() {
    TestResponse r = TestClient.of(UserApiSnippets.HELLO).get("/");
    assertEquals(200, r.status());
    assertEquals("Hello from Strand", r.text());
  }

  @Test
  void handleUserAnswersAliceAsJsonAfterTheWait() {
    TestResponse r = TestClient.of(UserApiSnippets::handleUser).get("/user/1");
    assertEquals(200, r.status());
    assertEquals("application/json", r.contentType());
    assertEquals("{\"id\":1,\"name\":\"Alice\"}", r.text());
  }

  @Test
  void handleUserAnswers504WhenTheDeadlineComesBeforeTheUser() {
    TestResponse r =
        TestClient.of(UserApiSnippets::handleUser, ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(20)))
            .get("/user/1");
    assertEquals(504, r.status());
    assertEquals("application/problem+json", r.contentType());
  }

  @Test
  void getUserFindsAlice() throws Exception {
    Response r = getUserWithId(UserApiSnippets.getUser(new UserStore(Duration.ofMillis(1))), Context.background(), "1");
    assertEquals(200, r.status());
    assertEquals("{\"id\":1,\"name\":\"Alice\"}", r.bodyText());
  }

  @Test
  void getUserAnswers404ForAnUnknownId() throws Exception {
    Response r = getUserWithId(UserApiSnippets.getUser(new UserStore(Duration.ofMillis(1))), Context.background(), "2");
    assertEquals(404, r.status());
    assertTrue(r.bodyText().contains("There is no user 2."), r.bodyText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-1", "+1", "1.5", "", "99999999999999999999"})
  void getUserAnswers400UnlessTheIdIsADecimalFromOne(String id) throws Exception {
    Response r = getUserWithId(UserApiSnippets.getUser(new UserStore(Duration.ofMillis(1))), Context.background(), id);
    assertEquals(400, r.status(), r.bodyText());
  }

  @Test
  void getUserAnswersTheContextsProblemWhenTheDeadlineComesFirst() throws Exception {
    long start = System.nanoTime();
    Response r;
    try (var ctx = Context.background().withTimeout(Duration.ofMillis(50))) {
      r = getUserWithId(UserApiSnippets.getUser(new UserStore(Duration.ofSeconds(10))), ctx, "1");
    }
    assertEquals(504, r.status());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
  }

  @Test
  void createUserAnswers201WithLocationAndTheUser() {
    UserStore store = new UserStore(Duration.ofMillis(1));
    TestClient client = TestClient.of(UserApiSnippets.createUser(store));
    TestResponse r = client.send("POST", "/users", "application/json", "{\"name\":\"Bob\"}");
    assertEquals(201, r.status(), r.text());
    assertEquals("/user/2", r.header("Location"));
    assertEquals(new User(2, "Bob"), r.json(User.class).orElseThrow());
  }

  @Test
  void createUserAnswers422ListingEveryViolation() {
    TestClient client = TestClient.of(UserApiSnippets.createUser(new UserStore(Duration.ofMillis(1))));
    TestResponse blank = client.send("POST", "/users", "application/json", "{\"name\":\"  \"}");
    assertEquals(422, blank.status());
    assertTrue(blank.text().contains("\"errors\""), blank.text());
    assertTrue(blank.text().contains("must not be blank"), blank.text());
    TestResponse missing = client.send("POST", "/users", "application/json", "{}");
    assertEquals(422, missing.status());
    assertTrue(missing.text().contains("must be present"), missing.text());
  }

  @Test
  void createUserAnswers415And400ForTheWrongBody() {
    TestClient client = TestClient.of(UserApiSnippets.createUser(new UserStore(Duration.ofMillis(1))));
    assertEquals(415, client.send("POST", "/users", "text/plain", "Bob").status());
    assertEquals(400, client.send("POST", "/users", "application/json", "{\"name\":").status());
  }
}
