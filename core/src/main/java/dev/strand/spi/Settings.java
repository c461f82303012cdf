package dev.strand.spi;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Settings are what a {@link Backend} must apply when it starts.
 *
 * @param host the address to bind, such as {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the port; 0 for any free port
 * @param readHeaderTimeout how long a client may take to send a request's headers before the
 *     connection is dropped
 * @param idleTimeout how long a keep-alive connection may sit idle between requests
 * @param maxHeaderBytes the largest request head (request line and headers) the server must accept;
 *     Strand answers 431 above it when the server hands such a request over, and a server that cannot
 *     hand it over should reject it with 431 or close the connection
 * @param executor runs each request; a new virtual thread per task. Backends call
 *     {@link Dispatcher#dispatch(Exchange)} on it
 */
public record Settings(
    String host,
    int port,
    Duration readHeaderTimeout,
    Duration idleTimeout,
    int maxHeaderBytes,
    Executor executor) {}
