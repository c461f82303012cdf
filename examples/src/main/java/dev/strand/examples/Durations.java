package dev.strand.examples;

import dev.strand.Result;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Durations parses a duration flag in Go's form ({@code 250ms}, {@code 2s}, {@code 1m},
 * {@code 1h30m}, {@code 1.5s}) or in ISO-8601 ({@code PT2S}), and formats one back in Go's form.
 */
public final class Durations {
  private Durations() {}

  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  /**
   * Parses a duration.
   *
   * <p>Go's form is one or more decimal numbers, each with an optional fraction and a unit:
   * {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}; a bare
   * {@code 0} is zero. As in Go, it must fit in 2^63-1 nanoseconds (about 292 years). ISO-8601 is
   * what {@link Duration#parse(CharSequence)} accepts. Negative durations are refused.
   *
   * @param text the flag's value
   * @return the duration, or a one-line reason it is not one
   */
  public static Result<Duration, String> parse(String text) {
    if (text.isEmpty()) {
      return Result.err("empty duration; use Go's form (250ms, 2s, 1m30s) or ISO-8601 (PT2S)");
    }
    char first = Character.toUpperCase(text.charAt(0));
    if (first == 'P') {
      return iso(text);
    }
    if (text.equals("0")) {
      return Result.ok(Duration.ZERO);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && (isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      String number = text.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        return Result.err(
            "not a duration; use Go's form (250ms, 2s, 1m30s) or ISO-8601 (PT2S)" + (text.startsWith("-") ? "; it must not be negative" : ""));
      }
      int unitStart = i;
      while (i < text.length() && !isDigit(text.charAt(i)) && text.charAt(i) != '.') {
        i++;
      }
      long unit = unitNanos(text.substring(unitStart, i));
      if (unit == 0) {
        return Result.err(
            unitStart == i
                ? "missing unit in duration; add one of ns, us, ms, s, m, h (as in 250ms or 2s)"
                : "unknown unit '" + text.substring(unitStart, i) + "' in duration; use ns, us, ms, s, m or h");
      }
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
      if (nanos.compareTo(MAX_NANOS) > 0) {
        return Result.err("duration out of range; the largest is about 2562047h");
      }
    }
    return Result.ok(Duration.ofNanos(nanos.longValue()));
  }

  private static Result<Duration, String> iso(String text) {
    try {
      Duration d = Duration.parse(text);
      return d.isNegative()
          ? Result.err("duration must not be negative")
          : Result.ok(d);
    } catch (DateTimeParseException e) {
      return Result.err("not an ISO-8601 duration; write it as PT2S or PT1M30S, or in Go's form (2s, 1m30s)");
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 0L;
    };
  }

  /**
   * Formats a duration in Go's form, such as {@code 1m30s}, {@code 250ms} or {@code 0s}.
   *
   * @param d the duration, not negative
   * @return its text
   */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    if (nanos < 1_000_000_000L) {
      if (nanos % 1_000_000L == 0) {
        return nanos / 1_000_000L + "ms";
      }
      if (nanos % 1_000L == 0) {
        return nanos / 1_000L + "us";
      }
      return nanos + "ns";
    }
    StringBuilder sb = new StringBuilder();
    long hours = d.toHours();
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    int minutes = d.toMinutesPart();
    if (minutes > 0 || hours > 0) {
      sb.append(minutes).append('m');
    }
    BigDecimal seconds = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9)).stripTrailingZeros();
    sb.append(seconds.toPlainString()).append('s');
    return sb.toString();
  }
}
