package dev.strand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.model.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request: target parsing, headers, and a body read safely within its limit. */
class RequestTest {

  private static Request get(String target) {
    return Request.builder("GET", target).build();
  }

  private static Request post(String contentType, String body) {
    return Request.builder("POST", "/users").header("Content-Type", contentType).body(body).build();
  }

  /** A body sent chunked: no declared length. */
  private static Request chunked(String contentType, byte[] body, long limit) {
    return Request.builder("POST", "/users")
        .header("Content-Type", contentType)
        .body(new ByteArrayInputStream(body), -1)
        .bodyLimit(limit)
        .build();
  }

  private static int status(Result<?, Problem> r) {
    return r.toErrorOptional().map(Problem::status).orElse(200);
  }

  // ---- target ----

  @Test
  void pathIsDecodedAndRawPathKeptAsSent() {
    Request r = get("/files/a%20b/%C3%A9t%C3%A9?x=1");
    assertEquals("/files/a b/\u00e9t\u00e9", r.path());
    assertEquals("/files/a%20b/%C3%A9t%C3%A9", r.rawPath());
    assertEquals("/files/a%20b/%C3%A9t%C3%A9?x=1", r.target());
  }

  @Test
  void plusInThePathStaysAPlus() {
    assertEquals("/a+b", get("/a+b").path());
  }

  @Test
  void aMalformedPathEscapeLeavesThePathRaw() {
    Request r = get("/a%zz");
    assertEquals("/a%zz", r.path());
    assertEquals("/a%zz", r.rawPath());
  }

  @Test
  void rawQueryIsWhatFollowsTheQuestionMark() {
    assertEquals(Optional.of("a=1&b=2"), get("/p?a=1&b=2").rawQuery());
    assertEquals(Optional.empty(), get("/p").rawQuery());
    assertEquals(Optional.of(""), get("/p?").rawQuery());
  }

  @Test
  void aFragmentIsNotPartOfPathOrQuery() {
    Request r = get("/p?a=1#frag");
    assertEquals("/p", r.path());
    assertEquals(Optional.of("1"), r.query("a"));
    assertEquals(Optional.of("a=1"), r.rawQuery());
  }

  @Test
  void queryRepeatsAreKeptInOrder() {
    Request r = get("/p?tag=a&x=1&tag=b&tag=c");
    assertEquals(List.of("a", "b", "c"), r.queryAll("tag"));
    assertEquals(Optional.of("a"), r.query("tag"));
    assertEquals(List.of("tag", "x"), List.copyOf(r.queryParams().keySet()));
  }

  @Test
  void queryDecodesPlusAsSpaceAndPercentEscapes() {
    Request r = get("/p?q=hello+world&e=%C3%A9%26%3D&k%20ey=v");
    assertEquals(Optional.of("hello world"), r.query("q"));
    assertEquals(Optional.of("\u00e9&="), r.query("e"));
    assertEquals(Optional.of("v"), r.query("k ey"));
  }

  @Test
  void aQueryParameterWithoutEqualsHasAnEmptyValue() {
    Request r = get("/p?flag&x=&y=1");
    assertEquals(Optional.of(""), r.query("flag"));
    assertEquals(Optional.of(""), r.query("x"));
    assertEquals(Optional.of("1"), r.query("y"));
  }

  @Test
  void emptyQueriesAndEmptyPairsYieldNothing() {
    assertEquals(Map.of(), get("/p").queryParams());
    assertEquals(Map.of(), get("/p?").queryParams());
    assertEquals(Map.of("a", List.of("1")), get("/p?&&a=1&").queryParams());
    assertEquals(Optional.empty(), get("/p").query("a"));
    assertEquals(List.of(), get("/p").queryAll("a"));
  }

  @Test
  void aValueWithEqualsSignsKeepsThemAfterTheFirst() {
    assertEquals(Optional.of("b=c"), get("/p?a=b=c").query("a"));
  }

  @Test
  void aMalformedQueryEscapeKeepsTheRawText() {
    assertEquals(Optional.of("100%"), get("/p?pct=100%").query("pct"));
    assertEquals(Optional.of("%zz"), get("/p?x=%zz").query("x"));
  }

  @Test
  void queryParamsAreImmutable() {
    Request r = get("/p?a=1");
    assertThrows(UnsupportedOperationException.class, () -> r.queryParams().put("b", List.of()));
    assertThrows(UnsupportedOperationException.class, () -> r.queryAll("a").add("2"));
  }

  // ---- builder and metadata ----

  @Test
  void defaultsSuitTests() {
    Request r = get("/");
    assertEquals("GET", r.method());
    assertEquals("HTTP/1.1", r.protocol());
    assertEquals("test", r.id());
    assertEquals(Long.MAX_VALUE, r.bodyLimit());
    assertEquals(0, r.contentLength());
    assertEquals(Optional.empty(), r.pattern());
    assertEquals(Map.of(), r.pathValues());
    assertTrue(r.remoteAddress().getAddress().isLoopbackAddress());
    assertEquals("GET / (test)", r.toString());
  }

  @Test
  void invalidMethodsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Request.builder("", "/"));
    assertThrows(IllegalArgumentException.class, () -> Request.builder("GE T", "/"));
    assertThrows(NullPointerException.class, () -> Request.builder("GET", null));
  }

  @Test
  void headerLookupIsCaseInsensitive() {
    Request r = Request.builder("GET", "/").header("X-Thing", "1").header("x-thing", "2").build();
    assertEquals(Optional.of("1"), r.header("X-THING"));
    assertEquals(List.of("1", "2"), r.headers().all("x-Thing"));
    assertEquals(Optional.empty(), r.header("Other"));
  }

  @Test
  void headerInjectionIsRefusedWhenBuilding() {
    assertThrows(IllegalArgumentException.class, () -> Request.builder("GET", "/").header("X-A", "1\r\nX-B: 2"));
  }

  @Test
  void mediaTypeIsLowerCaseWithoutParameters() {
    assertEquals(Optional.of("application/json"), post("Application/JSON; charset=utf-8", "{}").mediaType());
    assertEquals(Optional.of("text/plain"), post(" text/plain ", "x").mediaType());
    assertEquals(Optional.empty(), get("/").mediaType());
  }

  @Test
  void routeGivesPathValuesAndPattern() {
    Request r = Request.builder("GET", "/user/7").route("GET /user/{id}", Map.of("id", "7")).build();
    assertEquals(Optional.of("7"), r.pathValue("id"));
    assertEquals(Optional.empty(), r.pathValue("other"));
    assertEquals(Optional.of("GET /user/{id}"), r.pattern());
    assertEquals(Map.of("id", "7"), r.pathValues());
  }

  @Test
  void toBuilderCopiesEverythingAndSharesTheBody() {
    Request r = Request.builder("PUT", "/x?y=1").header("A", "1").id("abc").bodyLimit(100).body("hello").build();
    Request copy = r.toBuilder().header("B", "2").build();
    assertEquals("PUT", copy.method());
    assertEquals("/x?y=1", copy.target());
    assertEquals("abc", copy.id());
    assertEquals(100, copy.bodyLimit());
    assertEquals(Optional.of("2"), copy.header("b"));
    assertEquals(Optional.empty(), r.header("b"));
    assertEquals(Result.ok("hello"), copy.text());
    assertEquals(Result.ok("hello"), r.text(), "the original sees the body the copy read");
  }

  @Test
  void negativeBodyLimitIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Request.builder("GET", "/").bodyLimit(-1));
  }

  // ---- body ----

  @Test
  void bodyIsReadableTwiceViaBytesThenText() {
    Request r = post("text/plain", "h\u00e9llo");
    assertArrayEquals("h\u00e9llo".getBytes(StandardCharsets.UTF_8), r.bytes().orElseThrow());
    assertEquals(Result.ok("h\u00e9llo"), r.text());
    assertArrayEquals("h\u00e9llo".getBytes(StandardCharsets.UTF_8), r.bytes().orElseThrow());
  }

  @Test
  void textUsesTheDeclaredCharset() {
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    Request r =
        Request.builder("POST", "/").header("Content-Type", "text/plain; charset=\"ISO-8859-1\"").body(latin1).build();
    assertEquals(Result.ok("caf\u00e9"), r.text());
  }

  @Test
  void textWithAnUnknownCharsetIs415() {
    Request r = post("text/plain; charset=no-such-charset", "x");
    assertEquals(415, status(r.text()));
  }

  @Test
  void emptyBodyReadsAsEmpty() {
    assertEquals(Result.ok(""), get("/").text());
    assertEquals(0, get("/").bytes().orElseThrow().length);
  }

  @Test
  void bodyExactlyAtTheLimitIsRead() {
    Request r = chunked("text/plain", new byte[10], 10);
    assertEquals(10, r.bytes().orElseThrow().length);
  }

  @Test
  void declaredBodyOverTheLimitIs413WithoutReading() {
    InputStream never = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("must not be read");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return read();
      }
    };
    Request r = Request.builder("POST", "/").body(never, 11).bodyLimit(10).build();
    Problem p = r.bytes().toErrorOptional().orElseThrow();
    assertEquals(413, p.status());
    assertTrue(p.detail().contains("10 bytes"), p.detail());
    assertEquals(413, status(r.text()), "the failure is remembered");
  }

  @Test
  void streamedBodyOverTheLimitIs413() {
    Request r = chunked("text/plain", new byte[11], 10);
    assertEquals(413, status(r.bytes()));
    assertEquals(413, status(r.bytes()));
  }

  @Test
  void bodyThatEndsEarlyIs400() {
    InputStream broken = new InputStream() {
      private int n;

      @Override
      public int read() throws IOException {
        if (n++ < 3) {
          return 'a';
        }
        throw new IOException("connection reset");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int c = read();
        b[off] = (byte) c;
        return 1;
      }
    };
    Request r = Request.builder("POST", "/").body(broken, 10).build();
    Problem p = r.bytes().toErrorOptional().orElseThrow();
    assertEquals(400, p.status());
    assertFalse(p.detail().contains("connection reset"), "no internal message reaches the client");
  }

  @Test
  void jsonReadsARecord() {
    assertEquals(Result.ok(new User(1, "Alice")), post("application/json", "{\"id\":1,\"name\":\"Alice\"}").json(User.class));
  }

  @Test
  void jsonAcceptsPlusJsonMediaTypes() {
    Request r = post("application/merge-patch+json; charset=utf-8", "{\"id\":2,\"name\":\"Bob\"}");
    assertEquals(Result.ok(new User(2, "Bob")), r.json(User.class));
  }

  @Test
  void jsonOfAnotherMediaTypeIs415() {
    Problem p = post("text/plain", "{}").json(Map.class).toErrorOptional().orElseThrow();
    assertEquals(415, p.status());
    assertTrue(p.detail().contains("'text/plain'"), p.detail());
  }

  @Test
  void jsonWithoutContentTypeIs415() {
    Request r = Request.builder("POST", "/").body("{}").build();
    Problem p = r.json(Map.class).toErrorOptional().orElseThrow();
    assertEquals(415, p.status());
    assertTrue(p.detail().contains("no Content-Type"), p.detail());
  }

  @Test
  void malformedJsonIs400() {
    assertEquals(400, status(post("application/json", "{\"name\":").json(User.class)));
    assertEquals(400, status(post("application/json", "not json").json(User.class)));
    assertEquals(400, status(post("application/json", "").json(User.class)));
  }

  @Test
  void jsonOfTheWrongShapeIs400() {
    assertEquals(400, status(post("application/json", "[1,2]").json(User.class)));
    assertEquals(400, status(post("application/json", "\"Bob\"").json(User.class)));
    assertEquals(400, status(post("application/json", "{\"id\":\"one\",\"name\":\"Bob\"}").json(User.class)));
  }

  @Test
  void jsonNullIs400() {
    Problem p = post("application/json", "null").json(User.class).toErrorOptional().orElseThrow();
    assertEquals(400, p.status());
    assertTrue(p.detail().contains("null"), p.detail());
  }

  @Test
  void jsonOverTheLimitIs413DeclaredAndStreamed() {
    byte[] big = "{\"id\":1,\"name\":\"Alice\"}".getBytes(StandardCharsets.UTF_8);
    Request declared =
        Request.builder("POST", "/").header("Content-Type", "application/json").body(big).bodyLimit(5).build();
    assertEquals(413, status(declared.json(User.class)));
    assertEquals(413, status(chunked("application/json", big, 5).json(User.class)));
  }

  @Test
  void bodyStreamStopsAtTheLimitWithBodyTooLarge() throws IOException {
    Request r = chunked("application/octet-stream", new byte[100], 64);
    try (InputStream in = r.bodyStream()) {
      BodyTooLargeException e = assertThrows(BodyTooLargeException.class, in::readAllBytes);
      assertEquals(64, e.limit());
      assertTrue(e.getMessage().startsWith("strand: "));
    }
  }

  @Test
  void bodyStreamOfADeclaredTooLargeBodyFailsOnTheFirstRead() throws IOException {
    Request r = Request.builder("POST", "/").body(new byte[100]).bodyLimit(64).build();
    try (InputStream in = r.bodyStream()) {
      assertThrows(BodyTooLargeException.class, in::read);
    }
  }

  @Test
  void bodyStreamReadsABodyWithinTheLimit() throws IOException {
    Request r = chunked("application/octet-stream", "streamed".getBytes(StandardCharsets.UTF_8), 64);
    try (InputStream in = r.bodyStream()) {
      assertEquals("streamed", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void bodyStreamAfterBytesReplaysTheBytes() throws IOException {
    Request r = post("text/plain", "again");
    assertEquals(Result.ok("again"), r.text());
    try (InputStream in = r.bodyStream()) {
      assertEquals("again", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void bytesAfterTakingTheStreamIsAnError() {
    Request r = post("text/plain", "once");
    InputStream unused = r.bodyStream();
    assertThrows(IllegalStateException.class, r::bytes);
    assertThrows(IllegalStateException.class, r::bodyStream);
  }

  @Test
  void bodyStreamAfterATooLargeReadFailsInsteadOfGivingTheRest() throws IOException {
    Request r = chunked("text/plain", new byte[15], 10); // what is left after the failed read fits
    assertEquals(413, status(r.bytes()));
    try (InputStream in = r.bodyStream()) {
      assertThrows(BodyTooLargeException.class, in::readAllBytes);
    }
  }

  @Test
  void bodyStreamAfterAFailedReadFailsInsteadOfGivingTheRest() throws IOException {
    InputStream broken = new InputStream() { // fails once, then would go on giving bytes
      private int calls;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        calls++;
        if (calls == 2) {
          throw new IOException("connection reset");
        }
        if (calls > 3) {
          return -1;
        }
        b[off] = 'a';
        return 1;
      }
    };
    Request r = Request.builder("POST", "/").body(broken, 6).build();
    assertEquals(400, status(r.bytes()));
    try (InputStream in = r.bodyStream()) {
      assertThrows(IOException.class, in::readAllBytes);
    }
  }

  @Test
  void bodyStreamOfACopyWithALowerLimitRefusesABodyAlreadyRead() throws IOException {
    Request r = post("text/plain", "0123456789");
    assertEquals(10, r.bytes().orElseThrow().length);
    try (InputStream in = r.toBuilder().bodyLimit(5).build().bodyStream()) {
      assertThrows(BodyTooLargeException.class, in::readAllBytes);
    }
  }

  @Test
  void aLowerLimitOnACopyAppliesToABodyAlreadyRead() {
    Request r = post("text/plain", "0123456789");
    assertEquals(10, r.bytes().orElseThrow().length);
    Request limited = r.toBuilder().bodyLimit(5).build();
    assertEquals(413, status(limited.bytes()));
  }
}
