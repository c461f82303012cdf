package dev.strand.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Response;
import dev.strand.ServerConfig;
import java.time.Duration;
import dev.strand.Warmup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestClientTest {

  @BeforeAll
  static void warmUp() {
    Warmup.pipeline();
  }

  @Test
  void helloAnswers200WithTextAndARequestId() {
    TestResponse r = TestClient.of((ctx, req) -> Response.text("Hello from Strand")).get("/");
    assertEquals(200, r.status());
    assertEquals("Hello from Strand", r.text());
    assertEquals("text/plain; charset=utf-8", r.contentType());
    assertNotNull(r.header("X-Request-Id"));
  }

  @Test
  void handlerThatThrowsGets500WithoutInternals() {
    TestResponse r =
        TestClient.of((ctx, req) -> {
              throw new IllegalStateException("secret internal detail");
            })
            .get("/panic");
    assertEquals(500, r.status());
    assertEquals("application/problem+json", r.contentType());
    assertFalse(r.text().contains("secret"), r.text());
    assertFalse(r.text().contains("IllegalStateException"), r.text());
  }

  @Test
  void handlerThatIgnoresItsDeadlineStillGets504AtTheDeadline() {
    long start = System.nanoTime();
    TestResponse r =
        TestClient.of(
                (ctx, req) -> {
                  long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                  while (System.nanoTime() < until) { // ignores interrupts on purpose
                    try {
                      Thread.sleep(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
                    } catch (InterruptedException ignored) {
                      // keep going, as a careless handler would
                    }
                  }
                  return Response.text("late");
                },
                ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(100)))
            .get("/slow");
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertEquals(504, r.status());
    assertTrue(ms < 1500, "answered after " + ms + " ms");
  }

  @Test
  void validClientRequestIdIsEchoed() {
    TestResponse r =
        TestClient.of((ctx, req) -> Response.text(req.id()))
            .send(dev.strand.Request.builder("GET", "/").header("X-Request-Id", "abc-123").build());
    assertEquals("abc-123", r.header("X-Request-Id"));
    assertEquals("abc-123", r.text());
  }
}
