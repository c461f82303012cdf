package dev.strand.internal;

import dev.strand.Problem;
import dev.strand.Result;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Json holds Strand's one shared Jackson mapper, with safe limits. Internal. */
public final class Json {
  private Json() {}

  /** Deepest nesting of arrays and objects a body may have. */
  public static final int MAX_NESTING = 64;
  /** Longest string value, in characters. */
  public static final int MAX_STRING = 1_000_000;
  /** Longest number literal, in characters. */
  public static final int MAX_NUMBER = 100;
  /** Largest document, in bytes (the body limit usually bites first). */
  public static final long MAX_DOCUMENT = 16L * 1024 * 1024;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING)
                          .maxStringLength(MAX_STRING)
                          .maxNumberLength(MAX_NUMBER)
                          .maxDocumentLength(MAX_DOCUMENT)
                          .maxNameLength(1_000)
                          .build())
                  .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING * 4).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** Returns the shared mapper, for Strand's own modules; never exposed in the API. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Writes {@code value} as JSON bytes. */
  public static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Reads {@code bytes} as a {@code type}, or a 400 problem that names no Java type. */
  public static <T> Result<T, Problem> read(byte[] bytes, Class<T> type) {
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        return Result.err(Problem.badRequest("The body must be a JSON value, not null."));
      }
      return Result.ok(value);
    } catch (StreamReadException e) {
      return Result.err(Problem.badRequest("The body is not valid JSON" + where(e) + "."));
    } catch (DatabindException e) {
      return Result.err(Problem.badRequest("The body does not have the expected shape" + field(e) + "."));
    } catch (JacksonException e) {
      return Result.err(Problem.badRequest("The body could not be read as JSON."));
    }
  }

  private static String where(JacksonException e) {
    var loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  private static String field(DatabindException e) {
    List<JacksonException.Reference> path = e.getPath();
    if (path == null || path.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference r : path) {
      if (r.getPropertyName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "" : " at '" + sb + "'";
  }
}
