package dev.strand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.internal.Json;
import dev.strand.model.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Response: immutable values with the right content types, and problem bodies in RFC 9457 shape. */
class ResponseTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonObject(Response r) {
    return Json.read(r.body(), Map.class).orElseThrow();
  }

  @Test
  void textIs200PlainUtf8() {
    Response r = Response.text("h\u00e9");
    assertEquals(200, r.status());
    assertEquals("text/plain; charset=utf-8", r.header("content-type"));
    assertArrayEquals("h\u00e9".getBytes(StandardCharsets.UTF_8), r.body());
    assertEquals(3, r.bodyLength());
    assertEquals("h\u00e9", r.bodyText());
    assertFalse(r.isStreamed());
  }

  @Test
  void textWithAStatus() {
    assertEquals(418, Response.text(418, "teapot").status());
  }

  @Test
  void jsonWritesRecordsAsApplicationJson() {
    Response r = Response.json(201, new User(1, "Alice"));
    assertEquals(201, r.status());
    assertEquals("application/json", r.header("Content-Type"));
    assertEquals("{\"id\":1,\"name\":\"Alice\"}", r.bodyText());
    assertEquals(200, Response.json(List.of(1, 2)).status());
    assertEquals("[1,2]", Response.json(List.of(1, 2)).bodyText());
  }

  @Test
  void bytesCopiesTheArray() {
    byte[] data = {1, 2, 3};
    Response r = Response.bytes(200, "application/octet-stream", data);
    data[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, r.body());
    r.body()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, r.body(), "body() hands out a copy");
  }

  @Test
  void statusHasNoBody() {
    Response r = Response.status(204);
    assertEquals(204, r.status());
    assertEquals(0, r.bodyLength());
    assertTrue(r.headers().isEmpty());
  }

  @Test
  void statusOutsideHttpRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Response.status(99));
    assertThrows(IllegalArgumentException.class, () -> Response.status(600));
    assertThrows(IllegalArgumentException.class, () -> Response.text("x").withStatus(1000));
  }

  @Test
  void streamIsStreamedWithItsWriter() throws IOException {
    BodyWriter w = (ctx, out) -> out.write("chunk".getBytes(StandardCharsets.UTF_8));
    Response r = Response.stream(200, "text/event-stream", w);
    assertTrue(r.isStreamed());
    assertSame(w, r.bodyWriter());
    assertEquals(-1, r.bodyLength());
    assertEquals(0, r.body().length);
    assertEquals("", r.bodyText());
    assertNull(r.bodyBytesUnsafe());
    assertEquals("text/event-stream", r.header("Content-Type"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.bodyWriter().writeTo(Context.background(), out);
    assertEquals("chunk", out.toString(StandardCharsets.UTF_8));
    assertThrows(NullPointerException.class, () -> Response.stream(200, "text/plain", null));
  }

  @Test
  void redirectsCarryALocation() {
    Response r = Response.redirect("/elsewhere");
    assertEquals(307, r.status());
    assertEquals("/elsewhere", r.header("Location"));
    assertEquals(301, Response.redirect(301, "/moved").status());
  }

  @Test
  void withMethodsReturnChangedCopies() {
    Response base = Response.text("x");
    Response changed = base.withStatus(201).withHeader("X-A", "1").addHeader("x-a", "2");
    assertEquals(200, base.status());
    assertNull(base.header("X-A"));
    assertEquals(201, changed.status());
    assertEquals(List.of("1", "2"), changed.headers().all("X-A"));
    assertEquals(List.of("3"), changed.withHeader("X-A", "3").headers().all("x-a"));
    assertEquals("x", changed.bodyText());
    Response replaced = changed.withHeaders(Headers.of("Only", "this"));
    assertEquals(Headers.of("Only", "this"), replaced.headers());
    assertThrows(NullPointerException.class, () -> base.withHeaders(null));
  }

  @Test
  void withHeaderRefusesCrLf() {
    Response r = Response.text("x");
    assertThrows(IllegalArgumentException.class, () -> r.withHeader("Location", "/a\r\nSet-Cookie: x=1"));
    assertThrows(IllegalArgumentException.class, () -> r.addHeader("X-A", "a\nb"));
    assertThrows(IllegalArgumentException.class, () -> r.withHeader("Bad Name", "v"));
    assertThrows(IllegalArgumentException.class, () -> Response.redirect("/a\r\nX: y"));
  }

  @Test
  void problemHasTheRfc9457ShapeInOrder() {
    Response r = Response.problem(Problem.of(404, "No user 7.").with("userId", 7));
    assertEquals(404, r.status());
    assertEquals("application/problem+json", r.header("Content-Type"));
    Map<String, Object> body = jsonObject(r);
    assertEquals(List.of("type", "title", "status", "detail", "userId"), new ArrayList<>(body.keySet()));
    assertEquals("about:blank", body.get("type"));
    assertEquals("Not Found", body.get("title"));
    assertEquals(404, body.get("status"));
    assertEquals("No user 7.", body.get("detail"));
    assertEquals(7, body.get("userId"));
    assertNull(r.header("Retry-After"));
  }

  @Test
  void problem503CarriesRetryAfter() {
    Response r = Response.problem(Problem.of(503, "Busy."));
    assertEquals("1", r.header("Retry-After"));
    assertEquals(503, r.status());
  }

  @Test
  void problemToResponseIsResponseProblem() {
    Problem p = Problem.badRequest("Bad.");
    assertEquals(Response.problem(p).bodyText(), p.toResponse().bodyText());
    assertEquals(400, p.toResponse().status());
  }

  @Test
  void toStringShowsStatusHeadersAndSize() {
    assertEquals("Response{200, Headers{Content-Type: text/plain; charset=utf-8}, 2 bytes}", Response.text("hi").toString());
    assertTrue(Response.stream(200, "text/plain", (c, o) -> {}).toString().endsWith("streamed}"));
  }
}
