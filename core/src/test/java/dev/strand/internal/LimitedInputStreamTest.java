package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strand.BodyTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** LimitedInputStream: a body of exactly the limit is fine; one byte more is BodyTooLargeException. */
class LimitedInputStreamTest {

  private static InputStream limited(int size, long limit) {
    return new LimitedInputStream(new ByteArrayInputStream(new byte[size]), limit);
  }

  @Test
  void aBodyOfExactlyTheLimitIsRead() throws IOException {
    try (InputStream in = limited(100, 100)) {
      assertEquals(100, in.readAllBytes().length);
    }
  }

  @Test
  void oneByteOverTheLimitThrows() throws IOException {
    try (InputStream in = limited(101, 100)) {
      BodyTooLargeException e = assertThrows(BodyTooLargeException.class, in::readAllBytes);
      assertEquals(100, e.limit());
    }
  }

  @Test
  void singleByteReadsAreCountedToo() throws IOException {
    try (InputStream in = limited(3, 2)) {
      assertEquals(0, in.read());
      assertEquals(0, in.read());
      assertThrows(BodyTooLargeException.class, in::read);
    }
  }

  @Test
  void singleByteReadsOfABodyWithinTheLimitEndWithMinusOne() throws IOException {
    try (InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[] {7, 8}), 2)) {
      assertEquals(7, in.read());
      assertEquals(8, in.read());
      assertEquals(-1, in.read());
    }
  }

  @Test
  void aZeroLimitAcceptsAnEmptyBodyOnly() throws IOException {
    try (InputStream in = limited(0, 0)) {
      assertArrayEquals(new byte[0], in.readAllBytes());
    }
    try (InputStream in = limited(1, 0)) {
      assertThrows(BodyTooLargeException.class, in::readAllBytes);
    }
  }

  @Test
  void skippingCountsTowardsTheLimit() throws IOException {
    try (InputStream in = limited(50, 10)) {
      assertThrows(BodyTooLargeException.class, () -> in.skip(50));
    }
    try (InputStream in = limited(10, 10)) {
      assertEquals(10, in.skip(100));
    }
  }

  @Test
  void failAtOnceThrowsOnTheFirstRead() throws IOException {
    try (InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[0]), 0, true)) {
      assertThrows(BodyTooLargeException.class, in::read);
      assertThrows(BodyTooLargeException.class, () -> in.read(new byte[4], 0, 4));
    }
  }

  @Test
  void markIsNotSupported() throws IOException {
    try (InputStream in = limited(1, 1)) {
      assertFalse(in.markSupported());
    }
  }

  @Test
  void aLargeReadNeverPullsMoreThanOneBytePastTheLimit() throws IOException {
    CountingStream source = new CountingStream(new byte[10_000]);
    try (InputStream in = new LimitedInputStream(source, 100)) {
      assertThrows(BodyTooLargeException.class, () -> in.read(new byte[8192], 0, 8192));
    }
    assertEquals(101, source.pulled, "at most limit + 1 bytes are taken from the connection");
  }

  private static final class CountingStream extends ByteArrayInputStream {
    long pulled;

    CountingStream(byte[] b) {
      super(b);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      if (n > 0) {
        pulled += n;
      }
      return n;
    }
  }
}
