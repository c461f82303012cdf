package dev.strand;

/**
 * A Handler responds to an HTTP request.
 *
 * <p>{@code serve} gets the request's {@link Context} first and the {@link Request} second and
 * returns the {@link Response} to send. It runs on its own virtual thread, so it may block; it should
 * return promptly once {@code ctx} ends, though Strand answers the client at the deadline even if it
 * does not.
 *
 * <p>A handler that throws is a panic, as in Go: Strand recovers it, logs it once at ERROR with the
 * request id and stack trace, answers 500 with a problem body that carries no internals, and keeps
 * serving. An exception thrown after the context ended (an interrupted sleep, a closed socket) is the
 * context's error, not a panic, and is answered as such (504 at a deadline).
 *
 * <p>Handlers are plain functions: a lambda or a method reference is a Handler.
 *
 * {@snippet class=dev.strand.snippets.UserApiSnippets region=hello}
 */
@FunctionalInterface
public interface Handler {

  /**
   * Serves one request.
   *
   * @param ctx the request's context: its deadline, cancellation and values
   * @param request the request
   * @return the response to send, never null
   * @throws Exception any failure; answered as a panic (500) unless the context had ended
   */
  Response serve(Context ctx, Request request) throws Exception;
}
