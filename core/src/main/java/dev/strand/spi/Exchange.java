package dev.strand.spi;

import dev.strand.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * An Exchange is one HTTP request and the means to answer it, as a {@link Backend} presents them to
 * the {@link Dispatcher}.
 *
 * <p>Strand calls the request getters, then {@link #respond} once, writes the body to the stream it
 * returns and closes that stream; or it calls {@link #abort()}. All calls come from one thread at a
 * time, though not always the same one.
 */
public interface Exchange {

  /**
   * Returns the request method as sent.
   *
   * @return the method
   */
  String method();

  /**
   * Returns the request target as sent, percent-encoding intact: {@code /a%20b?x=1}. Absolute-form
   * targets should be reduced to path and query.
   *
   * @return the target
   */
  String target();

  /**
   * Returns the protocol, such as {@code HTTP/1.1}.
   *
   * @return the protocol
   */
  String protocol();

  /**
   * Returns the request headers; backends build them with {@link Headers#trustedBuilder()}.
   *
   * @return the headers
   */
  Headers requestHeaders();

  /**
   * Returns the declared body length.
   *
   * @return the {@code Content-Length}, or -1 when not declared
   */
  long requestContentLength();

  /**
   * Returns the request body stream; empty when there is no body. Strand enforces the body limit on
   * it.
   *
   * @return the body
   */
  InputStream requestBody();

  /**
   * Returns the client's address.
   *
   * @return the remote address
   */
  InetSocketAddress remoteAddress();

  /**
   * Sends the status line and headers, and returns the stream for the body.
   *
   * <p>{@code contentLength} is the body's length, or -1 when unknown (then the body is sent
   * chunked, or until close for HTTP/1.0). For {@code HEAD} requests and for 204 and 304 Strand writes
   * no body; the given length is then only what the headers announce. The headers include any
   * {@code Connection: close} Strand wants; the backend adds {@code Date} and framing headers.
   *
   * @param status the status code
   * @param headers the response headers, already validated
   * @param contentLength the body length, or -1
   * @return the body stream; flushing it sends what was written so far
   * @throws IOException if the client is gone
   */
  OutputStream respond(int status, Headers headers, long contentLength) throws IOException;

  /** Closes the connection at once, without completing the response: after a failure mid-body. */
  void abort();

  /**
   * Registers what to do when the backend learns the client has gone away before the response is
   * complete. Backends that can learn it call {@code action} once, from any thread, as its
   * {@link Capabilities} say; others ignore it.
   *
   * @param action what to run
   */
  default void onClientGone(Runnable action) {}
}
