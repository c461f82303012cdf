package com.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strand.Server;
import dev.strand.ServerConfig;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MainTest {

  private final TestClient client = TestClient.of(Main.routes()); // in memory, no socket

  @Test
  void helloByPathAnswersJson() {
    TestResponse r = client.get("/hello/Ada");
    assertEquals(200, r.status());
    assertEquals("{\"message\":\"Hello, Ada\"}", r.text());
  }

  @Test
  void blankNameIs422() {
    TestResponse r = client.send("POST", "/hello", "application/json", "{\"name\":\" \"}");
    assertEquals(422, r.status());
    assertEquals("application/problem+json", r.contentType());
  }

  @Test
  void wrongMethodIs405() {
    assertEquals(405, client.send("DELETE", "/hello", "application/json", "{}").status());
  }

  @Test
  void serverAnswersOverRealHttp() throws Exception {
    ServerConfig config = ServerConfig.defaults().withHost("127.0.0.1").withPort(0); // any free port
    try (Server server = Server.start(Main.routes(), config);
        HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest get = HttpRequest.newBuilder(server.uri().resolve("/hello/Ada")).build();
      HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("{\"message\":\"Hello, Ada\"}", r.body());
      assertEquals("jdkhttp", server.backendName()); // found on the class path, no code names it
    }
  }
}
