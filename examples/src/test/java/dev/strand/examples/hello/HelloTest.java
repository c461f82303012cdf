package dev.strand.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import org.junit.jupiter.api.Test;

class HelloTest {

  private final TestClient client = TestClient.of(Hello.router());

  @Test
  void rootAnswersHelloAsUtf8Text() {
    TestResponse r = client.get("/");
    assertEquals(200, r.status());
    assertEquals("text/plain; charset=utf-8", r.contentType());
    assertEquals("Hello from Strand", r.text());
    assertNotNull(r.header("X-Request-Id"));
  }

  @Test
  void otherPathsAre404AndOtherMethods405() {
    assertEquals(404, client.get("/hello").status());
    TestResponse r = client.send("POST", "/", "text/plain", "hi");
    assertEquals(405, r.status());
    assertNotNull(r.header("Allow"));
  }
}
