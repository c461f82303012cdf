package dev.strand.internal;

import java.util.concurrent.ThreadLocalRandom;

/** RequestIds checks client request ids and makes new ones. Internal. */
public final class RequestIds {
  private RequestIds() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Tells whether a client-sent id may be echoed: 1 to 64 of {@code [A-Za-z0-9._-]}. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Returns the client's id when valid, else a new one. */
  public static String choose(String fromClient) {
    return isValid(fromClient) ? fromClient : generate();
  }

  /** Returns a new random id of 16 hex digits. */
  public static String generate() {
    long r = ThreadLocalRandom.current().nextLong();
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (r & 0xf)];
      r >>>= 4;
    }
    return new String(out);
  }
}
