package dev.strand;

import dev.strand.spi.Backend;
import java.time.Duration;
import java.util.Objects;

/**
 * A ServerConfig says where a {@link Server} listens, which backend it runs on and the limits it
 * keeps. It is immutable: start from {@link #defaults()} and change what you need with the
 * {@code with...} methods.
 *
 * {@snippet class=dev.strand.snippets.ServerSnippets region=config}
 *
 * <p>Defaults: host {@code 0.0.0.0}, port 8080, request timeout 30 s, read-header timeout 10 s, idle
 * timeout 60 s, 64 KiB of headers, 10 MiB of body, 10,000 concurrent requests, 10 s shutdown grace,
 * access log on, the one backend on the class path (or {@code STRAND_BACKEND}).
 */
public final class ServerConfig {

  private final String host;
  private final int port;
  private final Duration requestTimeout;
  private final Duration readHeaderTimeout;
  private final Duration idleTimeout;
  private final int maxHeaderBytes;
  private final long maxBodyBytes;
  private final int maxConcurrentRequests;
  private final Duration shutdownGrace;
  private final String backendName;
  private final Backend backend;
  private final boolean accessLog;

  private ServerConfig(
      String host,
      int port,
      Duration requestTimeout,
      Duration readHeaderTimeout,
      Duration idleTimeout,
      int maxHeaderBytes,
      long maxBodyBytes,
      int maxConcurrentRequests,
      Duration shutdownGrace,
      String backendName,
      Backend backend,
      boolean accessLog) {
    this.host = Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("strand: port must be 0-65535, got " + port);
    }
    this.port = port;
    this.requestTimeout = positive("requestTimeout", requestTimeout);
    this.readHeaderTimeout = positive("readHeaderTimeout", readHeaderTimeout);
    this.idleTimeout = positive("idleTimeout", idleTimeout);
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("strand: maxHeaderBytes must be at least 1024, got " + maxHeaderBytes);
    }
    this.maxHeaderBytes = maxHeaderBytes;
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("strand: maxBodyBytes must be >= 0, got " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
    if (maxConcurrentRequests < 1) {
      throw new IllegalArgumentException(
          "strand: maxConcurrentRequests must be >= 1, got " + maxConcurrentRequests);
    }
    this.maxConcurrentRequests = maxConcurrentRequests;
    this.shutdownGrace = Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("strand: shutdownGrace must not be negative");
    }
    this.backendName = backendName;
    this.backend = backend;
    this.accessLog = accessLog;
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("strand: " + name + " must be positive, got " + d);
    }
    return d;
  }

  /**
   * Returns the default configuration.
   *
   * @return the defaults
   */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "0.0.0.0",
        8080,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        64 * 1024,
        10L * 1024 * 1024,
        10_000,
        Duration.ofSeconds(10),
        null,
        null,
        true);
  }

  /**
   * Returns the host to bind.
   *
   * @return the host to bind
   */
  public String host() {
    return host;
  }

  /**
   * Returns the port; 0 means any free port.
   *
   * @return the port; 0 means any free port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the deadline given to every request, from its arrival.
   *
   * @return the deadline given to every request, from its arrival
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * Returns how long a client may take to send its request headers.
   *
   * @return how long a client may take to send its request headers
   */
  public Duration readHeaderTimeout() {
    return readHeaderTimeout;
  }

  /**
   * Returns how long a keep-alive connection may stay idle.
   *
   * @return how long a keep-alive connection may stay idle
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * Returns the largest request head accepted, in bytes; above it, 431.
   *
   * @return the largest request head accepted, in bytes; above it, 431
   */
  public int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  /**
   * Returns the largest request body accepted, in bytes; above it, 413.
   *
   * @return the largest request body accepted, in bytes; above it, 413
   */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Returns how many requests may run at once; above it, 503 with {@code Retry-After}.
   *
   * @return how many requests may run at once; above it, 503 with {@code Retry-After}
   */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /**
   * Returns how long in-flight requests may finish when the server shuts down.
   *
   * @return how long in-flight requests may finish when the server shuts down
   */
  public Duration shutdownGrace() {
    return shutdownGrace;
  }

  /**
   * Returns the backend's name, if one was named.
   *
   * @return the backend's name, if one was named
   */
  public java.util.Optional<String> backendName() {
    return java.util.Optional.ofNullable(backendName);
  }

  /**
   * Returns the backend instance, if one was given.
   *
   * @return the backend instance, if one was given
   */
  public java.util.Optional<Backend> backend() {
    return java.util.Optional.ofNullable(backend);
  }

  /**
   * Returns whether one access-log line is written per request.
   *
   * @return whether one access-log line is written per request
   */
  public boolean accessLog() {
    return accessLog;
  }

  /**
   * Returns a copy with that host.
   *
   * @param newHost the host to bind, such as {@code 127.0.0.1}
   * @return a copy with that host
   */
  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, requestTimeout, readHeaderTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, shutdownGrace, backendName, backend, accessLog);
  }

  /**
   * Returns a copy with that port.
   *
   * @param newPort the port; 0 for any free port
   * @return a copy with that port
   */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, requestTimeout, readHeaderTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, shutdownGrace, backendName, backend, accessLog);
  }

  /**
   * Returns a copy with that timeout.
   *
   * @param d the deadline of every request
   * @return a copy with that timeout
   */
  public ServerConfig withRequestTimeout(Duration d) {
    return new ServerConfig(host, port, d, readHeaderTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, shutdownGrace, backendName, backend, accessLog);
  }

  /**
   * Returns a copy with that timeout.
   *
   * @param d how long a client may take to send its headers
   * @return a copy with that timeout
   */
  public ServerConfig withReadHeaderTimeout(Duration d) {
    return new ServerConfig(host, port, requestTimeout, d, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, shutdownGrace, backendName, backend, accessLog);
  }

  /**
   * Returns a copy with that timeout.
   *
   * @param d how long a keep-alive connection may stay idle
   * @return a copy with that timeout
   */
  public ServerConfig withIdleTimeout(Duration d) {
    return new ServerConfig(host, port, requestTimeout, readHeaderTimeout, d, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, shutdownGrace, backendName, backend, accessLog);
  }

  /**
   * Returns a copy with that limit.
   *
   * @param n the largest request head, in bytes (at least 1024)
   * @return a copy with that limit
   */
  public ServerConfig withMaxHeaderBytes(int n) {
    return new ServerConfig(host, port, requestTimeout, readHeaderTimeout, idleTimeout, n, maxBodyBytes, maxConcurrentRequests, shutdownGrace, backendName, backend, accessLog);
  }

  /**
   * Returns a copy with that limit.
   *
   * @param n the largest request body, in bytes
   * @return a copy with that limit
   */
  public ServerConfig withMaxBodyBytes(long n) {
    return new ServerConfig(host, port, requestTimeout, readHeaderTimeout, idleTimeout, maxHeaderBytes, n, maxConcurrentRequests, shutdownGrace, backendName, backend, accessLog);
  }

  /**
   * Returns a copy with that limit.
   *
   * @param n how many requests may run at once
   * @return a copy with that limit
   */
  public ServerConfig withMaxConcurrentRequests(int n) {
    return new ServerConfig(host, port, requestTimeout, readHeaderTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, n, shutdownGrace, backendName, backend, accessLog);
  }

  /**
   * Returns a copy with that grace.
   *
   * @param d how long in-flight requests may finish on shutdown
   * @return a copy with that grace
   */
  public ServerConfig withShutdownGrace(Duration d) {
    return new ServerConfig(host, port, requestTimeout, readHeaderTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, d, backendName, backend, accessLog);
  }

  /**
   * Returns a copy naming that backend.
   *
   * @param name the backend to use: {@code undertow}, {@code jetty} or {@code jdkhttp}
   * @return a copy naming that backend
   */
  public ServerConfig withBackend(String name) {
    return new ServerConfig(host, port, requestTimeout, readHeaderTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, shutdownGrace, name, null, accessLog);
  }

  /**
   * Returns a copy using that backend.
   *
   * @param instance the backend to use, constructed by hand
   * @return a copy using that backend
   */
  public ServerConfig withBackend(Backend instance) {
    return new ServerConfig(host, port, requestTimeout, readHeaderTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, shutdownGrace, null, Objects.requireNonNull(instance), accessLog);
  }

  /**
   * Returns a copy with that setting.
   *
   * @param on whether to write one access-log line per request
   * @return a copy with that setting
   */
  public ServerConfig withAccessLog(boolean on) {
    return new ServerConfig(host, port, requestTimeout, readHeaderTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConcurrentRequests, shutdownGrace, backendName, backend, on);
  }

  @Override
  public String toString() {
    return "ServerConfig{host=" + host + ", port=" + port + ", requestTimeout=" + requestTimeout
        + ", readHeaderTimeout=" + readHeaderTimeout + ", idleTimeout=" + idleTimeout
        + ", maxHeaderBytes=" + maxHeaderBytes + ", maxBodyBytes=" + maxBodyBytes
        + ", maxConcurrentRequests=" + maxConcurrentRequests + ", shutdownGrace=" + shutdownGrace
        + ", backend=" + (backend != null ? backend.name() : backendName) + "}";
  }
}
