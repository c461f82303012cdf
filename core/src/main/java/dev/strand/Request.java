package dev.strand;

import dev.strand.internal.Json;
import dev.strand.internal.LimitedInputStream;
import dev.strand.internal.Paths;
import dev.strand.internal.Pipeline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Request is an HTTP request as a handler sees it: method, path, query, headers, body, plus what
 * Strand learned while routing it (path values, the matched pattern, the request id).
 *
 * <p>The body can be read once, as bytes, text, JSON or a stream; bytes, text and JSON are kept, so
 * reading it again in another form is fine after one of those. Reading stops at the body limit with
 * a 413 problem instead of buffering an unbounded body. Everything else is immutable. A Request is
 * meant for the thread that serves it.
 *
 * <p>Build one for tests with {@link #builder(String, String)}:
 *
 * {@snippet class=dev.strand.snippets.RequestSnippets region=builder}
 */
public final class Request {

  private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final String method;
  private final String target;
  private final String rawPath;
  private final String rawQuery;
  private final String path;
  private final String protocol;
  private final Headers headers;
  private final InetSocketAddress remoteAddress;
  private final String id;
  private final String pattern;
  private final Map<String, String> pathValues;
  private final long bodyLimit;
  private final Body body;
  private final Trace trace;
  private Map<String, List<String>> query; // lazily parsed

  private Request(Builder b, Body body) {
    this.method = b.method;
    this.target = b.target;
    Paths.Target t = Paths.splitTarget(b.target);
    this.rawPath = t.rawPath();
    this.rawQuery = t.rawQuery();
    this.path = Paths.decodePath(rawPath).orElse(rawPath);
    this.protocol = b.protocol;
    this.headers = b.headers.build();
    this.remoteAddress = b.remoteAddress;
    this.id = b.id;
    this.pattern = b.pattern;
    this.pathValues = b.pathValues;
    this.bodyLimit = b.bodyLimit;
    this.body = body;
    this.trace = b.trace != null ? b.trace : new Trace();
  }

  /**
   * Returns a builder for a request, mostly for tests.
   *
   * @param method the method, such as {@code GET}
   * @param target the request target as sent: path and optional query, percent-encoded
   * @return a builder
   */
  public static Builder builder(String method, String target) {
    return new Builder(method, target);
  }

  /**
   * Returns the method, upper-case as sent, such as {@code GET}.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the request target as sent: the percent-encoded path and query.
   *
   * @return the target
   */
  public String target() {
    return target;
  }

  /**
   * Returns the decoded path, such as {@code /files/a b} for {@code /files/a%20b}.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the path as sent, still percent-encoded.
   *
   * @return the raw path
   */
  public String rawPath() {
    return rawPath;
  }

  /**
   * Returns the query string as sent, without the {@code ?}.
   *
   * @return the raw query, or empty when the target had none
   */
  public Optional<String> rawQuery() {
    return Optional.ofNullable(rawQuery);
  }

  /**
   * Returns the first value of the query parameter {@code name}, decoded.
   *
   * @param name the parameter name
   * @return its first value, or empty
   */
  public Optional<String> query(String name) {
    List<String> v = queryParams().get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * Returns every value of the query parameter {@code name}, decoded, in order.
   *
   * @param name the parameter name
   * @return its values; empty when absent
   */
  public List<String> queryAll(String name) {
    return queryParams().getOrDefault(name, List.of());
  }

  /**
   * Returns all query parameters, decoded ({@code +} is a space), in order of first appearance.
   *
   * @return parameter names to their values
   */
  public Map<String, List<String>> queryParams() {
    Map<String, List<String>> q = query;
    if (q == null) {
      q = rawQuery == null ? Map.of() : Paths.parseQuery(rawQuery);
      query = q;
    }
    return q;
  }

  /**
   * Returns the protocol, such as {@code HTTP/1.1}.
   *
   * @return the protocol
   */
  public String protocol() {
    return protocol;
  }

  /**
   * Returns the headers.
   *
   * @return the headers, names case-insensitive
   */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns the first value of header {@code name}.
   *
   * @param name the header name, any case
   * @return its first value, or empty
   */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  /**
   * Returns the address of the client (or of the last proxy).
   *
   * @return the remote address
   */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /**
   * Returns the request id: the client's {@code X-Request-Id} when it was 1 to 64 of
   * {@code [A-Za-z0-9._-]}, else one Strand generated. Every response carries it back.
   *
   * @return the request id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the value of the wildcard {@code name} in the matched pattern, decoded:
   * {@code request.pathValue("id")} for {@code GET /user/{id}}.
   *
   * @param name the wildcard name
   * @return its value, or empty when the pattern has no such wildcard
   */
  public Optional<String> pathValue(String name) {
    return Optional.ofNullable(pathValues.get(name));
  }

  /**
   * Returns every path value of the matched pattern.
   *
   * @return wildcard names to decoded values, in pattern order
   */
  public Map<String, String> pathValues() {
    return pathValues;
  }

  /**
   * Returns the pattern the router matched, such as {@code GET /user/{id}}, for logs and metrics.
   *
   * @return the pattern, or empty before routing or when no route matched; once a router matched
   *     a pattern, the request it was given reports it too
   */
  public Optional<String> pattern() {
    return Optional.ofNullable(pattern != null ? pattern : trace.pattern);
  }

  /**
   * Returns the body's declared length.
   *
   * @return the {@code Content-Length}, or -1 when not declared (chunked or none)
   */
  public long contentLength() {
    return body.declaredLength;
  }

  /**
   * Returns the largest body, in bytes, this request may have.
   *
   * @return the limit
   */
  public long bodyLimit() {
    return bodyLimit;
  }

  /**
   * Returns the media type of the body, lower-case, without parameters: {@code application/json}
   * for {@code Application/JSON; charset=utf-8}.
   *
   * @return the media type, or empty without a {@code Content-Type}
   */
  public Optional<String> mediaType() {
    return headers
        .first("Content-Type")
        .map(ct -> {
          int semi = ct.indexOf(';');
          return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        });
  }

  /**
   * Reads the whole body.
   *
   * @return the bytes; or a 413 problem when the body is over {@link #bodyLimit()}, or a 400
   *     problem when the client stopped sending part way
   */
  @CheckReturnValue
  public Result<byte[], Problem> bytes() {
    return body.bytes(bodyLimit);
  }

  /**
   * Reads the whole body as text, in the charset of its {@code Content-Type} (UTF-8 by default).
   *
   * @return the text, or the problem {@link #bytes()} gives
   */
  @CheckReturnValue
  public Result<String, Problem> text() {
    Charset cs = StandardCharsets.UTF_8;
    Optional<String> ct = headers.first("Content-Type");
    if (ct.isPresent()) {
      int at = ct.get().toLowerCase(Locale.ROOT).indexOf("charset=");
      if (at >= 0) {
        String name = ct.get().substring(at + 8).split(";", 2)[0].trim().replace("\"", "");
        try {
          cs = Charset.forName(name);
        } catch (RuntimeException e) {
          return Result.err(Problem.of(415, "Unsupported charset '" + name + "'."));
        }
      }
    }
    Charset charset = cs;
    return bytes().map(b -> new String(b, charset));
  }

  /**
   * Reads the body as JSON into {@code type} (a record, a class, {@code Map}...), through Strand's
   * shared mapper and its safety limits.
   *
   * {@snippet class=dev.strand.snippets.UserApiSnippets region=new-user}
   *
   * {@snippet class=dev.strand.snippets.UserApiSnippets region=create-user}
   *
   * @param type the type to read
   * @param <T> the type to read
   * @return the value; or a 415 problem unless the body is {@code application/json} (or
   *     {@code +json}), a 413 problem when it is too large, a 400 problem when it is not valid JSON of
   *     that shape
   */
  @CheckReturnValue
  public <T> Result<T, Problem> json(Class<T> type) {
    Optional<String> mt = mediaType();
    if (mt.isEmpty() || !(mt.get().equals("application/json") || mt.get().endsWith("+json"))) {
      return Result.err(
          Problem.of(415, "The body must be application/json; got " + mt.map(m -> "'" + m + "'").orElse("no Content-Type") + "."));
    }
    return bytes().flatMap(b -> Json.read(b, type));
  }

  /**
   * Returns the body as a stream, for large or streamed bodies. Reading past the body limit throws
   * {@link BodyTooLargeException} (answered 413 if it escapes the handler). Use either this or the
   * other body methods, not both.
   *
   * @return the body stream
   */
  public InputStream bodyStream() {
    return body.stream(bodyLimit);
  }

  /**
   * Returns a builder holding this request's fields, to derive a changed copy. The copy shares the
   * body.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(method, target);
    b.protocol = protocol;
    b.headers = headers.toBuilder();
    b.remoteAddress = remoteAddress;
    b.id = id;
    b.pattern = pattern;
    b.pathValues = pathValues;
    b.bodyLimit = bodyLimit;
    b.shared = body;
    b.trace = trace;
    return b;
  }

  Request withRoute(String pattern, Map<String, String> values) {
    trace.pattern = pattern;
    return new Request(this, pattern, values);
  }

  /** A copy of {@code base} with routing results; cheap, as every routed request makes one. */
  private Request(Request base, String pattern, Map<String, String> values) {
    this.method = base.method;
    this.target = base.target;
    this.rawPath = base.rawPath;
    this.rawQuery = base.rawQuery;
    this.path = base.path;
    this.protocol = base.protocol;
    this.headers = base.headers;
    this.remoteAddress = base.remoteAddress;
    this.id = base.id;
    this.pattern = pattern;
    this.pathValues = values;
    this.bodyLimit = base.bodyLimit;
    this.body = base.body;
    this.trace = base.trace;
    this.query = base.query;
  }

  @Override
  public String toString() {
    return method + " " + target + " (" + id + ")";
  }

  /** What routing learned, shared between copies of a request. */
  private static final class Trace {
    volatile String pattern;
  }

  /** The body source, shared between copies of a request. */
  private static final class Body {
    final InputStream in;
    final long declaredLength;
    private byte[] cached;
    private Problem failed;
    private boolean streamed;

    Body(InputStream in, long declaredLength) {
      this.in = in;
      this.declaredLength = declaredLength;
    }

    // A lock, not synchronized: a virtual thread blocked reading a slow upload inside synchronized
    // would pin its carrier on Java 21.
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    Result<byte[], Problem> bytes(long limit) {
      lock.lock();
      try {
        return bytesLocked(limit);
      } finally {
        lock.unlock();
      }
    }

    private Result<byte[], Problem> bytesLocked(long limit) {
      if (cached != null) {
        return cached.length > limit ? Result.err(tooLarge(limit)) : Result.ok(cached);
      }
      if (failed != null) {
        return Result.err(failed);
      }
      if (streamed) {
        throw new IllegalStateException("strand: the request body was already read as a stream");
      }
      if (declaredLength > limit) {
        failed = tooLarge(limit);
        return Result.err(failed);
      }
      try (InputStream s = new LimitedInputStream(in, limit)) {
        cached = s.readAllBytes();
        return Result.ok(cached);
      } catch (BodyTooLargeException e) {
        failed = tooLarge(limit);
        return Result.err(failed);
      } catch (IOException | UncheckedIOException e) {
        failed = Problem.badRequest("The request body could not be read in full.");
        return Result.err(failed);
      }
    }

    InputStream stream(long limit) {
      lock.lock();
      try {
        return streamLocked(limit);
      } finally {
        lock.unlock();
      }
    }

    private InputStream streamLocked(long limit) {
      if (cached != null) {
        return cached.length > limit
            ? new LimitedInputStream(InputStream.nullInputStream(), limit, true)
            : new ByteArrayInputStream(cached);
      }
      if (failed != null) {
        // A read already failed part way: what is left of the connection is not the body.
        return failed.status() == 413
            ? new LimitedInputStream(InputStream.nullInputStream(), limit, true)
            : new FailedInputStream();
      }
      if (streamed) {
        throw new IllegalStateException("strand: the request body stream was already taken");
      }
      streamed = true;
      return new LimitedInputStream(in, declaredLength > limit ? 0 : limit, declaredLength > limit);
    }

    /** The body stream after a read of the body failed: every read fails the same way. */
    private static final class FailedInputStream extends InputStream {
      @Override
      public int read() throws IOException {
        throw new IOException("strand: the request body could not be read in full");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return read();
      }
    }

    static Problem tooLarge(long limit) {
      return Pipeline.bodyTooLargeProblem(limit);
    }
  }

  /** A Builder makes a {@link Request}. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String target;
    private String protocol = "HTTP/1.1";
    private Headers.Builder headers = Headers.builder();
    private InetSocketAddress remoteAddress = LOOPBACK;
    private String id = "test";
    private String pattern;
    private Map<String, String> pathValues = Map.of();
    private long bodyLimit = Long.MAX_VALUE;
    private InputStream bodyIn = InputStream.nullInputStream();
    private long bodyLength = 0;
    private Body shared;
    private Trace trace;

    private Builder(String method, String target) {
      this.method = Objects.requireNonNull(method, "method");
      this.target = Objects.requireNonNull(target, "target");
      if (method.isEmpty() || !Headers.isToken(method)) {
        throw new IllegalArgumentException("strand: invalid method '" + method + "'");
      }
    }

    /**
     * Adds a header.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /**
     * Replaces all headers.
     *
     * @param h the headers
     * @return this builder
     */
    public Builder headers(Headers h) {
      headers = h.toBuilder();
      return this;
    }

    /**
     * Sets a UTF-8 text body and its length.
     *
     * @param text the body
     * @return this builder
     */
    public Builder body(String text) {
      return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets a body and its length.
     *
     * @param bytes the body
     * @return this builder
     */
    public Builder body(byte[] bytes) {
      return body(new ByteArrayInputStream(bytes), bytes.length);
    }

    /**
     * Sets a body stream.
     *
     * @param in the stream
     * @param declaredLength its {@code Content-Length}, or -1 when unknown (chunked)
     * @return this builder
     */
    public Builder body(InputStream in, long declaredLength) {
      this.bodyIn = Objects.requireNonNull(in, "in");
      this.bodyLength = declaredLength;
      this.shared = null;
      return this;
    }

    /**
     * Sets the protocol; {@code HTTP/1.1} by default.
     *
     * @param protocol the protocol
     * @return this builder
     */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    /**
     * Sets the client address; loopback by default.
     *
     * @param address the address
     * @return this builder
     */
    public Builder remoteAddress(InetSocketAddress address) {
      this.remoteAddress = address;
      return this;
    }

    /**
     * Sets the request id; {@code test} by default (the server pipeline sets the real one).
     *
     * @param id the id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the body limit; unlimited by default (the server pipeline sets the configured one).
     *
     * @param limit the largest body allowed, in bytes
     * @return this builder
     */
    public Builder bodyLimit(long limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("strand: body limit must be >= 0");
      }
      this.bodyLimit = limit;
      return this;
    }

    /**
     * Sets the matched pattern and path values, as the router does; for testing a handler alone.
     *
     * @param pattern the pattern, such as {@code GET /user/{id}}
     * @param values wildcard names to decoded values
     * @return this builder
     */
    public Builder route(String pattern, Map<String, String> values) {
      this.pattern = pattern;
      this.pathValues = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public Request build() {
      Body b = shared != null ? shared : new Body(bodyIn, bodyLength);
      return new Request(this, b);
    }
  }
}
