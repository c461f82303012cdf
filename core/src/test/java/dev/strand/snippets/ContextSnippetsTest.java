package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Context;
import dev.strand.ContextError;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.Result;
import dev.strand.ServerConfig;
import dev.strand.model.User;
import dev.strand.snippets.UserApiSnippets.LookupError;
import dev.strand.snippets.UserApiSnippets.UserStore;
import dev.strand.testing.TestClient;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ContextSnippetsTest {

  @Test
  void findQuicklyGivesUpAfter200Milliseconds() {
    long start = System.nanoTime();
    Result<User, LookupError> r = ContextSnippets.findQuickly(Context.background(), new UserStore(Duration.ofSeconds(10)), 1);
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertEquals(Result.err(new LookupError.Ended(ContextError.DEADLINE_EXCEEDED)), r);
    assertTrue(ms >= 150 && ms < 5_000, "took " + ms + " ms");
  }

  @Test
  void findQuicklyReturnsTheUserWhenTheStoreIsFast() {
    Result<User, LookupError> r = ContextSnippets.findQuickly(Context.background(), new UserStore(Duration.ofMillis(1)), 1);
    assertEquals(Result.ok(new User(1, "Alice")), r);
  }

  @Test
  void tenantMiddlewarePutsTheHeaderInTheContext() {
    TestClient client = TestClient.of(ContextSnippets.tenant().wrap(ContextSnippets::whoAmI));
    assertEquals("tenant acme", client.send(Request.builder("GET", "/").header("X-Tenant", "acme").build()).text());
    assertEquals("tenant public", client.get("/").text());
  }

  @Test
  void timeLeftReadsTheRequestDeadline() {
    assertEquals("plenty of time", TestClient.of(ContextSnippets::timeLeft).get("/").text());
    assertEquals(
        "hurry",
        TestClient.of(ContextSnippets::timeLeft, ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(400)))
            .get("/")
            .text());
  }

  @Test
  void reportAnswersWithTheQueryResult() {
    assertEquals("42 rows", TestClient.of(ContextSnippets::report).get("/report").text());
  }

  private record Entry(String text, boolean done, String tenant) {}

  @Test
  void auditedWritesWithAContextThatOutlivesTheRequest() throws Exception {
    BlockingQueue<Entry> entries = new LinkedBlockingQueue<>();
    ContextSnippets.AuditLog audit =
        (ctx, entry) -> entries.add(new Entry(entry, ctx.isDone(), ctx.value(ContextSnippets.TENANT).orElse("")));
    TestClient client =
        TestClient.of(ContextSnippets.tenant().wrap(ContextSnippets.audited((ctx, req) -> Response.text("ok"), audit)));
    assertEquals(200, client.send(Request.builder("GET", "/x").header("X-Tenant", "acme").build()).status());
    Entry e = entries.poll(5, TimeUnit.SECONDS);
    assertNotNull(e, "no audit entry within 5 s");
    assertEquals("GET /x 200", e.text());
    assertFalse(e.done(), "the detached context ended with the request");
    assertEquals("acme", e.tenant());
  }
}
