package dev.strand.snippets;

import dev.strand.Request;

/** Building requests, to test a handler or for a TestClient. */
public final class RequestSnippets {
  private RequestSnippets() {}

  static Request newBob() {
    // @start region=builder
    Request request = Request.builder("POST", "/users")
        .header("Content-Type", "application/json")
        .body("{\"name\":\"Bob\"}")
        .build();
    // @end
    return request;
  }
}
