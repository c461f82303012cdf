package dev.strand.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Paths splits request targets and decodes percent-encoding. Internal. */
public final class Paths {
  private Paths() {}

  /** A request target split at its {@code ?}. */
  public record Target(String rawPath, String rawQuery) {}

  /** Splits a target into raw path and raw query (null when there is no {@code ?}). */
  public static Target splitTarget(String target) {
    int q = target.indexOf('?');
    int hash = target.indexOf('#');
    String t = hash >= 0 ? target.substring(0, hash) : target;
    if (q >= 0 && (hash < 0 || q < hash)) {
      return new Target(t.substring(0, q), t.substring(q + 1));
    }
    return new Target(t, null);
  }

  /**
   * Decodes percent-escapes in a path ({@code +} stays a plus). Empty when an escape is malformed or
   * the bytes are not UTF-8.
   */
  public static Optional<String> decodePath(String raw) {
    return decode(raw, false);
  }

  /** Decodes a query component: percent-escapes and {@code +} as space. */
  public static Optional<String> decodeQuery(String raw) {
    return decode(raw, true);
  }

  private static Optional<String> decode(String raw, boolean plusIsSpace) {
    if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
      return Optional.of(raw);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        // A raw non-ASCII character; a surrogate pair is one code point, encoded together.
        int end = Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1)) ? i + 2 : i + 1;
        byte[] b = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i = end - 1;
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Parses a query string; malformed pairs keep their raw text. */
  public static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return Map.of();
    }
    int from = 0;
    while (from <= raw.length()) {
      int amp = raw.indexOf('&', from);
      int to = amp < 0 ? raw.length() : amp;
      String pair = raw.substring(from, to);
      from = to + 1;
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      String dk = decodeQuery(k).orElse(k);
      String dv = decodeQuery(v).orElse(v);
      out.computeIfAbsent(dk, x -> new ArrayList<>(1)).add(dv);
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(frozen);
  }
}
