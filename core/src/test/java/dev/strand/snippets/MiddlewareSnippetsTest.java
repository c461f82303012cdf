package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strand.Handler;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import org.junit.jupiter.api.Test;

class MiddlewareSnippetsTest {

  private static final Handler OK = (ctx, req) -> Response.text("ok");

  @Test
  void noStoreAddsCacheControl() {
    TestResponse r = TestClient.of(MiddlewareSnippets.noStore().wrap(OK)).get("/");
    assertEquals("no-store", r.header("Cache-Control"));
  }

  @Test
  void perHandlerBodyLimitRefusesALargeUploadWith413() {
    Handler upload = (ctx, req) -> Response.text("got " + req.bytes().orElseThrow().length);
    TestClient client = TestClient.of(MiddlewareSnippets.wrapped(upload, OK));
    assertEquals(413, client.send("POST", "/upload", "application/octet-stream", "x".repeat(64 * 1024 + 1)).status());
    assertEquals("got 10", client.send("POST", "/upload", "application/octet-stream", "x".repeat(10)).text());
    assertEquals("ok", client.get("/report").text());
  }

  @Test
  void chainRunsEveryMiddlewareInOrder() {
    TestClient client = TestClient.of(MiddlewareSnippets.chained(ContextSnippets::whoAmI));
    TestResponse r = client.send(Request.builder("GET", "/").header("X-Tenant", "acme").build());
    assertEquals("tenant acme", r.text());
    assertEquals("no-store", r.header("Cache-Control"));
  }
}
