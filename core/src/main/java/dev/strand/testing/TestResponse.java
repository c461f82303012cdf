package dev.strand.testing;

import dev.strand.CheckReturnValue;
import dev.strand.Headers;
import dev.strand.Problem;
import dev.strand.Result;
import dev.strand.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A TestResponse is what a client of a {@link TestClient} received: status, headers, body, and how
 * the body was flushed.
 *
 * @param status the status code; 0 if the connection was aborted before a response
 * @param headers the response headers, including {@code X-Request-Id}
 * @param body the body bytes (none for HEAD, 204, 304)
 * @param flushes the body split where the handler flushed it, for streamed responses
 * @param declaredLength the length the response announced, or -1 when chunked
 * @param aborted whether the connection was aborted instead of completing the response
 */
@SuppressWarnings("ArrayRecordComponent") // a snapshot for assertions; compare bodies with text() or assertArrayEquals
public record TestResponse(
    int status, Headers headers, byte[] body, List<String> flushes, long declaredLength, boolean aborted) {

  /**
   * Returns the first value of header {@code name}.
   *
   * @param name the name, any case
   * @return its value, or null when absent
   */
  public String header(String name) {
    return headers.get(name);
  }

  /**
   * Returns the body as UTF-8 text.
   *
   * @return the text
   */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Reads the body as JSON into {@code type}.
   *
   * @param type the type
   * @param <T> the type
   * @return the value, or a problem when the body is not that JSON
   */
  @CheckReturnValue
  public <T> Result<T, Problem> json(Class<T> type) {
    return Json.read(body, type);
  }

  /**
   * Returns the {@code Content-Type} of the response.
   *
   * @return the content type, or null
   */
  public String contentType() {
    return headers.get("Content-Type");
  }
}
