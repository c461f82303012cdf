package dev.strand;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A BodyWriter writes a streaming response body.
 *
 * <p>It runs after the handler returned, on the request's thread, and while the request's context
 * is still live: if the context ends (deadline, client gone) the thread is interrupted and the
 * connection is aborted, since the status line has already been sent. {@code out.flush()} sends what
 * was written so far to the client at once. Do not close {@code out}; Strand ends the body.
 */
@FunctionalInterface
public interface BodyWriter {

  /**
   * Writes the body.
   *
   * @param ctx the request's context
   * @param out the body stream
   * @throws IOException if writing fails, for instance because the client left
   */
  void writeTo(Context ctx, OutputStream out) throws IOException;
}
