package dev.strand.examples.users;

import dev.strand.Problem;
import dev.strand.Request;
import dev.strand.Result;
import dev.strand.model.User;

/**
 * A NewUser is the body of {@code POST /users}, {@code {"name":"Bob"}}, as read from JSON.
 *
 * <p>{@code name} is read as whatever JSON value it is (a string, a number, an object...) and its
 * type is checked here, so a number is refused instead of being quietly turned into a string.
 * Members other than {@code name} are ignored.
 *
 * @param name the JSON value of the {@code name} member; null when absent or {@code null}
 */
public record NewUser(Object name) {

  /**
   * Reads the new user's name from a request.
   *
   * @param request a {@code POST /users} request
   * @return the valid name; or a problem: 415 unless the body is JSON, 413 when it is too large,
   *     400 when it is not a JSON object with a string or absent {@code name}, 422 listing every
   *     reason the name is invalid
   */
  public static Result<String, Problem> nameFrom(Request request) {
    return request.json(NewUser.class).flatMap(NewUser::validName);
  }

  private Result<String, Problem> validName() {
    if (name != null && !(name instanceof String)) {
      return Result.err(Problem.badRequest("The member 'name' must be a JSON string."));
    }
    return User.validateName((String) name)
        .mapErr(violations -> Problem.unprocessable("The new user is not valid.", violations));
  }
}
