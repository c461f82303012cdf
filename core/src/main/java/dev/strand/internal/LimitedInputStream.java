package dev.strand.internal;

import dev.strand.BodyTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that throws {@link BodyTooLargeException} once more than {@code limit} bytes are read. */
public final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private long count;
  private final boolean failAtOnce;

  public LimitedInputStream(InputStream in, long limit) {
    this(in, limit, false);
  }

  /** With {@code failAtOnce}, the first read throws: the declared length is already over the limit. */
  public LimitedInputStream(InputStream in, long limit, boolean failAtOnce) {
    super(in);
    this.limit = limit;
    this.failAtOnce = failAtOnce;
  }

  @Override
  public int read() throws IOException {
    check(0);
    int b = in.read();
    if (b >= 0) {
      count++;
      check(0);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    check(0);
    // Read at most one byte past the limit, so a body of exactly the limit is fine.
    long room = limit - count + 1;
    int n = in.read(buf, off, (int) Math.min(len, Math.max(1, room)));
    if (n > 0) {
      count += n;
      check(0);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void check(int extra) throws BodyTooLargeException {
    if (failAtOnce || count + extra > limit) {
      throw new BodyTooLargeException(limit);
    }
  }
}
