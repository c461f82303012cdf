package dev.strand.snippets;

import dev.strand.Context;
import dev.strand.Problem;
import dev.strand.Request;
import dev.strand.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Responses: text, JSON, problems, redirects and streamed bodies. */
public final class ResponseSnippets {
  private ResponseSnippets() {}

  static Response[] kinds() {
    // @start region=kinds
    Response hello = Response.text("Hello from Strand");              // 200 text/plain; charset=utf-8
    Response json = Response.json(Map.of("ok", true));                // 200 application/json
    Response gone = Response.problem(Problem.notFound("No user 42.")); // 404 application/problem+json
    Response moved = Response.redirect(308, "/v2/users");              // 308 with Location
    Response empty = Response.status(204).withHeader("Cache-Control", "no-store");
    // @end
    return new Response[] {hello, json, gone, moved, empty};
  }

  // @start region=stream
  static Response countdown(Context ctx, Request request) {
    return Response.stream(200, Response.TEXT_UTF8, (c, out) -> {
      for (int i = 3; i > 0; i--) {
        out.write((i + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush(); // the client gets this line now
      }
    });
  }
  // @end
}
