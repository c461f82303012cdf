package dev.strand;

import dev.strand.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Response is what a handler returns: a status, headers and a body. It is an immutable value;
 * every {@code with...} method returns a changed copy.
 *
 * <p>The body is fixed bytes (sent with a {@code Content-Length}), nothing, or a {@link BodyWriter}
 * that streams it (sent chunked). Header names and values are checked when they are set: a CR or LF
 * in a value is refused with {@link IllegalArgumentException}, so it can never split a response.
 *
 * {@snippet class=dev.strand.snippets.ResponseSnippets region=kinds}
 *
 * {@snippet class=dev.strand.snippets.UserApiSnippets region=created}
 */
public final class Response {

  /** The content type of text responses. */
  public static final String TEXT_UTF8 = "text/plain; charset=utf-8";
  /** The content type of JSON responses. */
  public static final String JSON = "application/json";
  /** The content type of RFC 9457 problem responses. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final byte[] NO_BYTES = new byte[0];

  private final int status;
  private final Headers headers;
  private final byte[] bytes; // null when streaming
  private final BodyWriter writer; // null unless streaming

  private Response(int status, Headers headers, byte[] bytes, BodyWriter writer) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("strand: status must be 100-599, got " + status);
    }
    this.status = status;
    this.headers = headers;
    this.bytes = bytes;
    this.writer = writer;
  }

  /**
   * Returns a response with a status and no body.
   *
   * @param status the status code
   * @return the response
   */
  public static Response status(int status) {
    return new Response(status, Headers.empty(), NO_BYTES, null);
  }

  /**
   * Returns 200 with a {@code text/plain; charset=utf-8} body.
   *
   * @param text the body
   * @return the response
   */
  public static Response text(String text) {
    return text(200, text);
  }

  /**
   * Returns a {@code text/plain; charset=utf-8} response.
   *
   * @param status the status code
   * @param text the body
   * @return the response
   */
  public static Response text(int status, String text) {
    return bytes(status, TEXT_UTF8, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns 200 with {@code value} as an {@code application/json} body, written by Strand's shared
   * Jackson mapper (records work as they are).
   *
   * @param value the value to write
   * @return the response
   */
  public static Response json(Object value) {
    return json(200, value);
  }

  /**
   * Returns an {@code application/json} response.
   *
   * @param status the status code
   * @param value the value to write
   * @return the response
   */
  public static Response json(int status, Object value) {
    return bytes(status, JSON, Json.write(value));
  }

  /**
   * Returns a response with a body of bytes.
   *
   * @param status the status code
   * @param contentType the media type of the body
   * @param body the body
   * @return the response
   */
  public static Response bytes(int status, String contentType, byte[] body) {
    return new Response(status, Headers.of("Content-Type", contentType), body.clone(), null);
  }

  /**
   * Returns a response whose body is streamed by {@code writer}, chunked, flushed to the client as
   * the writer flushes.
   *
   * {@snippet class=dev.strand.snippets.ResponseSnippets region=stream}
   *
   * @param status the status code
   * @param contentType the media type of the body
   * @param writer writes the body
   * @return the response
   */
  public static Response stream(int status, String contentType, BodyWriter writer) {
    return new Response(status, Headers.of("Content-Type", contentType), null, Objects.requireNonNull(writer));
  }

  /**
   * Returns an RFC 9457 {@code application/problem+json} response for {@code problem}.
   *
   * @param problem the problem
   * @return the response, with the problem's status
   */
  public static Response problem(Problem problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    body.putAll(problem.extensions());
    Response r = new Response(problem.status(), Headers.of("Content-Type", PROBLEM_JSON), Json.write(body), null);
    return problem.status() == 503 ? r.withHeader("Retry-After", "1") : r;
  }

  /**
   * Returns 307 Temporary Redirect to {@code location}.
   *
   * @param location where to go
   * @return the response
   */
  public static Response redirect(String location) {
    return redirect(307, location);
  }

  /**
   * Returns a redirect.
   *
   * @param status 301, 302, 303, 307 or 308
   * @param location where to go
   * @return the response
   */
  public static Response redirect(int status, String location) {
    return status(status).withHeader("Location", location);
  }

  /**
   * Returns the status code.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Returns the headers.
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns the first value of header {@code name}.
   *
   * @param name the name, any case
   * @return the value, or null when absent
   */
  public String header(String name) {
    return headers.get(name);
  }

  /**
   * Returns the fixed body.
   *
   * @return a copy of the body bytes; empty for a streamed body
   */
  public byte[] body() {
    return bytes == null ? NO_BYTES : bytes.clone();
  }

  /**
   * Returns the fixed body's length without copying it.
   *
   * @return its length, or -1 for a streamed body
   */
  public long bodyLength() {
    return bytes == null ? -1 : bytes.length;
  }

  /**
   * Returns the fixed body decoded as UTF-8, for tests and logs.
   *
   * @return the body text; empty for a streamed body
   */
  public String bodyText() {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Returns the writer of a streamed body.
   *
   * @return the writer, or null for a fixed body
   */
  public BodyWriter bodyWriter() {
    return writer;
  }

  /**
   * Tells whether the body is streamed.
   *
   * @return true when a {@link BodyWriter} writes it
   */
  public boolean isStreamed() {
    return writer != null;
  }

  /**
   * Returns the body bytes without copying; for Strand's own writers. Do not modify the array.
   *
   * @return the body, or null when streamed
   */
  public byte[] bodyBytesUnsafe() {
    return bytes;
  }

  /**
   * Returns a copy with another status.
   *
   * @param newStatus the status code
   * @return the new response
   */
  public Response withStatus(int newStatus) {
    return new Response(newStatus, headers, bytes, writer);
  }

  /**
   * Returns a copy in which header {@code name} has exactly the value {@code value}.
   *
   * @param name the header name
   * @param value its value
   * @return the new response
   * @throws IllegalArgumentException on a bad name or a value with CR, LF or NUL
   */
  public Response withHeader(String name, String value) {
    return new Response(status, headers.with(name, value), bytes, writer);
  }

  /**
   * Returns a copy with one more value for header {@code name}.
   *
   * @param name the header name
   * @param value its value
   * @return the new response
   * @throws IllegalArgumentException on a bad name or a value with CR, LF or NUL
   */
  public Response addHeader(String name, String value) {
    return new Response(status, headers.plus(name, value), bytes, writer);
  }

  /**
   * Returns a copy with these headers instead.
   *
   * @param newHeaders the headers
   * @return the new response
   */
  public Response withHeaders(Headers newHeaders) {
    return new Response(status, Objects.requireNonNull(newHeaders), bytes, writer);
  }

  @Override
  public String toString() {
    return "Response{" + status + ", " + headers + (bytes != null ? ", " + bytes.length + " bytes}" : ", streamed}");
  }
}
