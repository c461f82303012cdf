package dev.strand;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Problem is an RFC 9457 problem detail: the body of every error response Strand produces, sent
 * as {@code application/problem+json}.
 *
 * <p>{@code type} defaults to {@code about:blank}, in which case {@code title} is the HTTP status
 * phrase. {@code detail} explains this occurrence to the client; it must never carry internals such
 * as stack traces, class names or exception messages. {@code extensions} are extra members, such as
 * the {@code errors} list of a 422.
 *
 * @param type a URI reference naming the problem type
 * @param title a short summary of the problem type
 * @param status the HTTP status code, 400 to 599
 * @param detail an explanation of this occurrence, for the client
 * @param extensions extra members, written after the standard ones; never null
 */
public record Problem(String type, String title, int status, String detail, Map<String, Object> extensions) {

  private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance");

  /**
   * Creates a Problem.
   *
   * @param type a URI reference naming the problem type
   * @param title a short summary of the problem type
   * @param status the HTTP status code, 400 to 599
   * @param detail an explanation of this occurrence, for the client
   * @param extensions extra members; never null
   */
  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("strand: a Problem's status must be 400-599, got " + status);
    }
    for (String k : extensions.keySet()) {
      if (RESERVED.contains(k)) {
        throw new IllegalArgumentException("strand: problem extension '" + k + "' clashes with a standard member");
      }
    }
    extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /**
   * Returns a Problem of type {@code about:blank} whose title is the status phrase.
   *
   * @param status the HTTP status code, 400 to 599
   * @param detail an explanation for the client
   * @return the problem
   */
  public static Problem of(int status, String detail) {
    return new Problem("about:blank", Status.phrase(status), status, detail, Map.of());
  }

  /**
   * Returns a 400 Bad Request problem.
   *
   * @param detail what is wrong with the request
   * @return the problem
   */
  public static Problem badRequest(String detail) {
    return of(400, detail);
  }

  /**
   * Returns a 404 Not Found problem.
   *
   * @param detail what was not found
   * @return the problem
   */
  public static Problem notFound(String detail) {
    return of(404, detail);
  }

  /**
   * Returns a 422 Unprocessable Content problem listing every violation in an {@code errors}
   * member.
   *
   * @param detail a summary
   * @param errors the violations, each a JSON-serialisable value
   * @return the problem
   */
  public static Problem unprocessable(String detail, java.util.List<?> errors) {
    return of(422, detail).with("errors", java.util.List.copyOf(errors));
  }

  /**
   * Returns a copy with one more extension member.
   *
   * @param name the member name; not a standard member's
   * @param value its JSON-serialisable value
   * @return the new problem
   */
  public Problem with(String name, Object value) {
    Map<String, Object> ext = new LinkedHashMap<>(extensions);
    ext.put(name, value);
    return new Problem(type, title, status, detail, ext);
  }

  /**
   * Returns this problem as a response with status {@link #status()} and an
   * {@code application/problem+json} body.
   *
   * @return the response
   */
  public Response toResponse() {
    return Response.problem(this);
  }
}
