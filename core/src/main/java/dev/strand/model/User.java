package dev.strand.model;

import dev.strand.CheckReturnValue;
import dev.strand.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * A User is the seed's user: an id and a name, written as JSON {@code {"id":1,"name":"Alice"}}.
 *
 * @param id the user's id, from 1
 * @param name the user's name: present, not blank, at most {@value #MAX_NAME} characters
 */
public record User(long id, String name) {

  /** The longest name allowed, in characters (code points). */
  public static final int MAX_NAME = 100;

  /**
   * A Violation is one reason a value is invalid, in the shape of a 422 problem's {@code errors}.
   *
   * @param field the offending field
   * @param message what is wrong with it
   */
  public record Violation(String field, String message) {}

  /**
   * Checks a name as a new user's: present, not blank, at most {@value #MAX_NAME} characters.
   *
   * @param name the name, possibly null
   * @return the name, or every violation found
   */
  @CheckReturnValue
  public static Result<String, List<Violation>> validateName(String name) {
    List<Violation> violations = new ArrayList<>();
    if (name == null) {
      violations.add(new Violation("name", "must be present"));
    } else {
      if (name.isBlank()) {
        violations.add(new Violation("name", "must not be blank"));
      }
      if (name.codePointCount(0, name.length()) > MAX_NAME) {
        violations.add(new Violation("name", "must be at most " + MAX_NAME + " characters"));
      }
    }
    return violations.isEmpty() ? Result.ok(name) : Result.err(List.copyOf(violations));
  }

  /**
   * Checks this user: an id from 1 and a valid name. Collects every violation, not only the first.
   *
   * @return this user, or every violation found
   */
  @CheckReturnValue
  public Result<User, List<Violation>> validate() {
    List<Violation> violations = new ArrayList<>();
    if (id < 1) {
      violations.add(new Violation("id", "must be at least 1"));
    }
    validateName(name).toErrorOptional().ifPresent(violations::addAll);
    return violations.isEmpty() ? Result.ok(this) : Result.err(List.copyOf(violations));
  }
}
