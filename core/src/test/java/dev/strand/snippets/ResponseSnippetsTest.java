package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strand.Response;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseSnippetsTest {

  @Test
  void eachKindHasItsStatusAndContentType() {
    Response[] r = ResponseSnippets.kinds();
    assertEquals(200, r[0].status());
    assertEquals("text/plain; charset=utf-8", r[0].header("Content-Type"));
    assertEquals("{\"ok\":true}", r[1].bodyText());
    assertEquals(404, r[2].status());
    assertEquals("application/problem+json", r[2].header("Content-Type"));
    assertEquals("/v2/users", r[3].header("Location"));
    assertEquals(204, r[4].status());
    assertEquals("no-store", r[4].header("Cache-Control"));
  }

  @Test
  void countdownStreamsOneFlushPerLine() {
    TestResponse r = TestClient.of(ResponseSnippets::countdown).get("/countdown");
    assertEquals(200, r.status());
    assertEquals(-1, r.declaredLength());
    assertEquals(List.of("3\n", "2\n", "1\n"), r.flushes());
  }
}
