package dev.strand.examples.users;

import dev.strand.Problem;
import dev.strand.Result;

/**
 * UserIds reads the {@code {id}} of {@code /user/{id}}: a decimal from 1 to 9223372036854775807
 * written as plain digits, with no sign, no spaces and no leading zeros (so every user has exactly
 * one URL: {@code /user/007} is refused rather than served as {@code /user/7}).
 */
public final class UserIds {
  private UserIds() {}

  private static final String MAX = Long.toString(Long.MAX_VALUE);

  /**
   * Parses an id.
   *
   * @param text the path value
   * @return the id, or a 400 problem saying what a valid id looks like
   */
  public static Result<Long, Problem> parse(String text) {
    boolean digits = !text.isEmpty() && text.length() <= MAX.length() && text.charAt(0) != '0';
    for (int i = 0; digits && i < text.length(); i++) {
      char c = text.charAt(i);
      digits = c >= '0' && c <= '9';
    }
    // Same length strings of digits compare as numbers do.
    if (!digits || (text.length() == MAX.length() && text.compareTo(MAX) > 0)) {
      return Result.err(
          Problem.badRequest(
              "The user id must be a whole number from 1 to " + MAX + ", written without sign or leading zeros."));
    }
    return Result.ok(Long.parseLong(text));
  }
}
