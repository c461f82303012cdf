package dev.strand.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.strand.Request;
import dev.strand.Result;
import dev.strand.ServerConfig;
import dev.strand.examples.Health;
import dev.strand.model.User;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Every route and status of the user API, in memory through Strand's real request pipeline. */
class UserApiTest {

  /** The body of a problem response. */
  record ProblemBody(String type, String title, int status, String detail, List<Map<String, String>> errors) {}

  private final Health health = new Health();

  private TestClient client(Duration latency, ServerConfig config) {
    return TestClient.of(UserApi.router(UserStore.seeded(latency), health), config);
  }

  private TestClient client() {
    return client(Duration.ZERO, ServerConfig.defaults().withMaxBodyBytes(1_048_576));
  }

  private static TestResponse postJson(TestClient client, String body) {
    return client.send("POST", "/users", "application/json", body);
  }

  private static ProblemBody problem(TestResponse r) {
    assertEquals("application/problem+json", r.contentType(), r.text());
    ProblemBody p = r.json(ProblemBody.class).orElseThrow();
    assertEquals(r.status(), p.status());
    return p;
  }

  private static void assertIsProblem(TestResponse r) {
    assertEquals("about:blank", problem(r).type());
  }

  @Test
  void rootAnswersHelloAsUtf8Text() {
    TestResponse r = client().get("/");
    assertEquals(200, r.status());
    assertEquals("text/plain; charset=utf-8", r.contentType());
    assertEquals("Hello from Strand", r.text());
    assertNotNull(r.header("X-Request-Id"));
  }

  @Test
  void userOneIsAliceAsJson() {
    TestResponse r = client().get("/user/1");
    assertEquals(200, r.status());
    assertEquals("application/json", r.contentType());
    assertEquals("{\"id\":1,\"name\":\"Alice\"}", r.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "42", "9223372036854775807"})
  void unknownUserIs404Problem(String id) {
    TestResponse r = client().get("/user/" + id);
    assertEquals(404, r.status());
    assertEquals("There is no user with id " + id + ".", problem(r).detail());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0", "-1", "+1", "01", "007", "abc", "1.0", "1e3", "%201", "1%20", "%2B1", "9223372036854775808",
        "99999999999999999999", "%EF%BC%91" /* fullwidth digit one */
      })
  void idThatIsNotAWholeNumberFromOneIs400Problem(String id) {
    TestResponse r = client().get("/user/" + id);
    assertEquals(400, r.status(), id);
    assertTrue(problem(r).detail().contains("1 to 9223372036854775807"), r.text());
  }

  @Test
  void percentEncodedDigitsAreTheSameId() {
    assertEquals(200, client().get("/user/%31").status());
  }

  @Test
  void createdUserIs201WithLocationAndIsReadableAfterwards() {
    TestClient client = client();
    TestResponse created = postJson(client, "{\"name\":\"Bob\"}");
    assertEquals(201, created.status(), created.text());
    assertEquals("application/json", created.contentType());
    User bob = created.json(User.class).orElseThrow();
    assertEquals("Bob", bob.name());
    assertEquals(2, bob.id());
    assertEquals("/user/2", created.header("Location"));

    TestResponse read = client.get(created.header("Location"));
    assertEquals(200, read.status());
    assertEquals("{\"id\":2,\"name\":\"Bob\"}", read.text());
    assertEquals(3, postJson(client, "{\"name\":\"Carol\"}").json(User.class).orElseThrow().id());
  }

  @Test
  void unknownMembersAreIgnoredAndAClientIdIsNotTaken() {
    TestResponse r = postJson(client(), "{\"id\":99,\"name\":\"Bob\",\"admin\":true}");
    assertEquals(201, r.status());
    assertEquals("/user/2", r.header("Location"));
  }

  @Test
  void mediaTypeParametersAndCaseAreAccepted() {
    TestResponse r = client().send("POST", "/users", "Application/JSON; charset=utf-8", "{\"name\":\"Bob\"}");
    assertEquals(201, r.status(), r.text());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "{", "{\"name\":", "not json", "[]", "[{\"name\":\"Bob\"}]", "\"x\"", "5", "true", "null",
        "{\"name\":5}", "{\"name\":true}", "{\"name\":[\"Bob\"]}", "{\"name\":{\"first\":\"Bob\"}}",
        "{\"name\":\"Bob\"} trailing", "{\"name\":\"Bob\"}{}"
      })
  void bodyThatIsNotAnObjectWithAStringNameIs400Problem(String body) {
    TestResponse r = postJson(client(), body);
    assertEquals(400, r.status(), body + " -> " + r.text());
    assertIsProblem(r);
  }

  @Test
  void deeplyNestedJsonIs400NotAStackOverflow() {
    String body = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    TestResponse r = postJson(client(), body);
    assertEquals(400, r.status(), r.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx"})
  void bodyThatIsNotJsonIs415Problem(String contentType) {
    TestResponse r = client().send("POST", "/users", contentType, "{\"name\":\"Bob\"}");
    assertEquals(415, r.status(), r.text());
    assertIsProblem(r);
  }

  @Test
  void bodyWithoutContentTypeIs415Problem() {
    TestResponse r = client().send(Request.builder("POST", "/users").body("{\"name\":\"Bob\"}").build());
    assertEquals(415, r.status(), r.text());
  }

  @Test
  void missingNameIs422ListingIt() {
    for (String body : List.of("{}", "{\"name\":null}")) {
      TestResponse r = postJson(client(), body);
      assertEquals(422, r.status(), body);
      assertEquals(List.of(Map.of("field", "name", "message", "must be present")), problem(r).errors());
    }
  }

  @Test
  void blankNameIs422() {
    TestResponse r = postJson(client(), "{\"name\":\" \\t \"}");
    assertEquals(422, r.status());
    assertEquals(List.of(Map.of("field", "name", "message", "must not be blank")), problem(r).errors());
  }

  @Test
  void nameOf100CharactersIsFineAnd101Is422() {
    assertEquals(201, postJson(client(), "{\"name\":\"" + "a".repeat(100) + "\"}").status());
    TestResponse r = postJson(client(), "{\"name\":\"" + "a".repeat(101) + "\"}");
    assertEquals(422, r.status());
    assertEquals(List.of(Map.of("field", "name", "message", "must be at most 100 characters")), problem(r).errors());
  }

  @Test
  void nameLengthCountsCharactersNotUtf16Units() {
    String hundredEmoji = "\uD83D\uDE00".repeat(100);
    assertEquals(201, postJson(client(), "{\"name\":\"" + hundredEmoji + "\"}").status());
  }

  @Test
  void nameThatIsBlankAndTooLongIs422ListingBoth() {
    TestResponse r = postJson(client(), "{\"name\":\"" + " ".repeat(101) + "\"}");
    assertEquals(422, r.status());
    assertEquals(
        List.of(
            Map.of("field", "name", "message", "must not be blank"),
            Map.of("field", "name", "message", "must be at most 100 characters")),
        problem(r).errors());
  }

  @Test
  void invalidUsersAreNotStored() {
    TestClient client = client();
    assertEquals(422, postJson(client, "{\"name\":\"\"}").status());
    assertEquals(400, postJson(client, "{\"name\":5}").status());
    assertEquals(404, client.get("/user/2").status());
    assertEquals("/user/2", postJson(client, "{\"name\":\"Bob\"}").header("Location"));
  }

  @Test
  void bodyOverTheLimitIs413Problem() {
    TestClient client = client(Duration.ZERO, ServerConfig.defaults().withMaxBodyBytes(64));
    String body = "{\"name\":\"" + "a".repeat(80) + "\"}";
    TestResponse r = postJson(client, body);
    assertEquals(413, r.status(), r.text());
    assertIsProblem(r);
    assertEquals(201, postJson(client, "{\"name\":\"Bob\"}").status());
  }

  @Test
  void chunkedBodyOverTheLimitIs413Problem() {
    TestClient client = client(Duration.ZERO, ServerConfig.defaults().withMaxBodyBytes(64));
    byte[] body = ("{\"name\":\"" + "a".repeat(80) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    TestResponse r =
        client.send(
            Request.builder("POST", "/users")
                .header("Content-Type", "application/json")
                .body(new java.io.ByteArrayInputStream(body), -1)
                .build());
    assertEquals(413, r.status(), r.text());
  }

  @Test
  void panicIs500ProblemWithoutInternalsLoggedWithItsRequestId() {
    Logger server = (Logger) LoggerFactory.getLogger("dev.strand.server");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    server.addAppender(logged);
    try {
      TestClient client = client();
      TestResponse r = client.get("/panic");
      assertEquals(500, r.status());
      ProblemBody p = problem(r);
      assertFalse(r.text().contains("Exception"), r.text());
      assertFalse(r.text().contains("Index"), r.text());
      String id = r.header("X-Request-Id");
      assertTrue(p.detail().contains(id), p.detail());

      List<ILoggingEvent> errors =
          logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR).toList();
      assertEquals(1, errors.size(), errors.toString());
      assertEquals(id, errors.get(0).getMDCPropertyMap().get("requestId"));
      assertNotNull(errors.get(0).getThrowableProxy());
      assertEquals(200, client.get("/").status(), "keeps serving after a panic");
    } finally {
      server.detachAppender(logged);
    }
  }

  @Test
  void healthzIsOkUntilShutdownBeginsThen503() {
    TestClient client = client();
    TestResponse ok = client.get("/healthz");
    assertEquals(200, ok.status());
    assertEquals("ok", ok.text());
    health.beginShutdown();
    TestResponse down = client.get("/healthz");
    assertEquals(503, down.status());
    assertIsProblem(down);
    assertNotNull(down.header("Retry-After"));
  }

  @Test
  void dbWaitLongerThanTheDeadlineIs504AtTheDeadline() {
    TestClient client = client(Duration.ofSeconds(5), ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(200)));
    long start = System.nanoTime();
    TestResponse r = client.get("/user/1");
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertEquals(504, r.status(), r.text());
    assertIsProblem(r);
    assertTrue(ms >= 150 && ms < 2_000, "answered after " + ms + " ms");
  }

  @Test
  void dbWaitIsHonoured() {
    TestClient client = client(Duration.ofMillis(300), ServerConfig.defaults());
    long start = System.nanoTime();
    assertEquals(200, client.get("/user/1").status());
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(ms >= 290, "answered after " + ms + " ms");
  }

  @Test
  void badIdIsRefusedBeforeTheDbWait() {
    TestClient client = client(Duration.ofSeconds(5), ServerConfig.defaults());
    long start = System.nanoTime();
    assertEquals(400, client.get("/user/x").status());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000);
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405WithAllow() {
    TestClient client = client();
    TestResponse missing = client.get("/nope");
    assertEquals(404, missing.status());
    assertIsProblem(missing);
    assertEquals(404, client.get("/user/1/extra").status());

    TestResponse wrong = client.send("DELETE", "/user/1", "application/json", "");
    assertEquals(405, wrong.status());
    assertIsProblem(wrong);
    assertTrue(wrong.header("Allow").contains("GET"), wrong.header("Allow"));
    TestResponse getUsers = client.get("/users");
    assertEquals(405, getUsers.status());
    assertTrue(getUsers.header("Allow").contains("POST"), getUsers.header("Allow"));
  }

  @Test
  void headIsServedLikeGetWithoutABody() {
    TestResponse r = client().send(Request.builder("HEAD", "/user/1").build());
    assertEquals(200, r.status());
    assertEquals(0, r.body().length);
  }

  @Test
  void everyResponseCarriesARequestIdAndAValidClientOneIsEchoed() {
    TestClient client = client();
    for (String target : List.of("/", "/user/1", "/user/x", "/nope", "/panic", "/healthz")) {
      assertNotNull(client.get(target).header("X-Request-Id"), target);
    }
    TestResponse r = client.send(Request.builder("GET", "/user/1").header("X-Request-Id", "trace-42.a_b").build());
    assertEquals("trace-42.a_b", r.header("X-Request-Id"));
  }

  @Test
  void concurrentCreatesGetDistinctIdsAndAreAllReadable() throws Exception {
    TestClient client = client();
    Map<String, Boolean> locations = new java.util.HashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<TestResponse>> futures =
          java.util.stream.IntStream.range(0, 200)
              .mapToObj(i -> pool.submit(() -> postJson(client, "{\"name\":\"user" + i + "\"}")))
              .toList();
      for (Future<TestResponse> f : futures) {
        TestResponse r = f.get();
        assertEquals(201, r.status());
        assertEquals(null, locations.put(r.header("Location"), true), "duplicate " + r.header("Location"));
      }
    }
    assertEquals(200, locations.size());
    for (String location : locations.keySet()) {
      assertEquals(200, client.get(location).status(), location);
    }
  }

  @Test
  void storeReportsACanceledContextInsteadOfWriting() {
    UserStore store = UserStore.seeded(Duration.ofSeconds(5));
    try (dev.strand.CancelableContext ctx = dev.strand.Context.background().withCancel()) {
      ctx.cancel();
      switch (store.create(ctx, "Bob")) {
        case Result.Ok<User, StoreError.Canceled> ok -> throw new AssertionError("created " + ok.value());
        case Result.Err<User, StoreError.Canceled> err -> assertTrue(err.error().error().isCanceled());
      }
      long start = System.nanoTime();
      switch (store.find(ctx, 1)) {
        case Result.Ok<User, StoreError> ok -> throw new AssertionError("found " + ok.value());
        case Result.Err<User, StoreError> err -> assertTrue(err.error() instanceof StoreError.Canceled, err.toString());
      }
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000, "did not wait for the db");
    }
    assertEquals(
        new StoreError.NotFound(2),
        UserStore.seeded(Duration.ZERO).find(dev.strand.Context.background(), 2).toErrorOptional().orElseThrow());
  }
}
