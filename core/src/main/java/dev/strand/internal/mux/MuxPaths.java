package dev.strand.internal.mux;

import dev.strand.internal.Paths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MuxPaths holds the path and host helpers the router needs: cleaning, unescaping, host
 * normalisation and safe redirect targets. Internal.
 */
public final class MuxPaths {
  private MuxPaths() {}

  /**
   * Tells whether an escaped path is clean: it starts with {@code /} and has no empty segment
   * (except a final one, the trailing slash) and no {@code .} or {@code ..} segment, also when the
   * dots are escaped as {@code %2e}.
   *
   * @param p the escaped path
   * @return true when {@link #clean(String)} would return it unchanged
   */
  public static boolean isClean(String p) {
    int n = p.length();
    if (n == 0 || p.charAt(0) != '/') {
      return false;
    }
    int start = 1; // start of the current segment
    for (int i = 1; i <= n; i++) {
      if (i == n || p.charAt(i) == '/') {
        if (i == start && i != n) {
          return false; // empty segment in the middle: "//"
        }
        if (isDotSegment(p, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /**
   * Returns the canonical form of an escaped path, as Go's ServeMux computes it: rooted, with
   * {@code .} and {@code ..} segments resolved and repeated slashes collapsed, keeping a trailing
   * slash. Returns {@code p} itself when it is already clean.
   *
   * @param p the escaped path
   * @return the cleaned path
   */
  public static String clean(String p) {
    if (isClean(p)) {
      return p;
    }
    if (p.isEmpty()) {
      return "/";
    }
    String rooted = p.charAt(0) == '/' ? p : "/" + p;
    List<String> parts = new ArrayList<>();
    int start = 1;
    int n = rooted.length();
    for (int i = 1; i <= n; i++) {
      if (i == n || rooted.charAt(i) == '/') {
        if (i > start) {
          int dots = dotCount(rooted, start, i);
          if (dots == 2) {
            if (!parts.isEmpty()) {
              parts.remove(parts.size() - 1);
            }
          } else if (dots != 1) {
            parts.add(rooted.substring(start, i));
          }
        }
        start = i + 1;
      }
    }
    StringBuilder out = new StringBuilder(n);
    for (String part : parts) {
      out.append('/').append(part);
    }
    if (out.length() == 0) {
      return "/";
    }
    if (rooted.charAt(n - 1) == '/') {
      out.append('/');
    }
    return out.toString();
  }

  private static boolean isDotSegment(String p, int from, int to) {
    return dotCount(p, from, to) > 0;
  }

  /** Returns 1 for a "." segment, 2 for "..", else 0; {@code %2e} counts as a dot. */
  private static int dotCount(String p, int from, int to) {
    int dots = 0;
    int i = from;
    while (i < to) {
      char c = p.charAt(i);
      if (c == '.') {
        i++;
      } else if (c == '%' && i + 3 <= to && p.charAt(i + 1) == '2' && (p.charAt(i + 2) == 'e' || p.charAt(i + 2) == 'E')) {
        i += 3;
      } else {
        return 0;
      }
      dots++;
      if (dots > 2) {
        return 0;
      }
    }
    return dots;
  }

  /**
   * Returns {@code p[from, to)} with percent-escapes decoded as UTF-8; the raw text when an escape
   * is malformed or the bytes are not UTF-8.
   *
   * @param p the escaped text
   * @param from the first index
   * @param to the index after the last
   * @return the decoded text
   */
  public static String unescape(String p, int from, int to) {
    String raw = p.substring(from, to);
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    return Paths.decodePath(raw).orElse(raw);
  }

  /**
   * Returns a request's host ready for matching: without port or IPv6 brackets, in lower case.
   *
   * @param host the {@code Host} header, or null
   * @return the host, or the empty string when there is none
   */
  public static String normalizeHost(String host) {
    if (host == null || host.isEmpty()) {
      return "";
    }
    String h = host;
    if (h.charAt(0) == '[') {
      int close = h.indexOf(']');
      h = close > 0 ? h.substring(1, close) : h;
    } else {
      int colon = h.indexOf(':');
      if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
        h = h.substring(0, colon);
      }
    }
    return lowerAscii(h);
  }

  static String lowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }

  /**
   * Returns a redirect target built from an escaped path and raw query that is safe in a
   * {@code Location} header: controls, spaces, backslashes, quotes and non-ASCII characters are
   * percent-encoded, so a client cannot read it as another host.
   *
   * @param path the escaped path, starting with a single {@code /}
   * @param rawQuery the raw query, or null
   * @return the location
   */
  public static String location(String path, String rawQuery) {
    StringBuilder sb = new StringBuilder(path.length() + (rawQuery == null ? 0 : rawQuery.length() + 1));
    appendSafe(sb, path);
    if (rawQuery != null && !rawQuery.isEmpty()) {
      sb.append('?');
      appendSafe(sb, rawQuery);
    }
    return sb.toString();
  }

  private static void appendSafe(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '<' && c != '>') {
        sb.append(c);
      } else {
        int end = i + 1;
        if (Character.isHighSurrogate(c) && end < s.length() && Character.isLowSurrogate(s.charAt(end))) {
          end++;
        }
        for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          percent(sb, b & 0xff);
        }
        i = end - 1;
      }
    }
  }

  /**
   * Appends a decoded path segment percent-encoded where needed, for example paths in messages.
   *
   * @param sb where to append
   * @param segment the decoded segment
   */
  static void appendEscapedSegment(StringBuilder sb, String segment) {
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
      if (plain) {
        sb.append((char) c);
      } else {
        percent(sb, c);
      }
    }
  }

  private static void percent(StringBuilder sb, int b) {
    sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
  }
}
