package dev.strand.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Request;
import dev.strand.Response;
import dev.strand.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User: the seed's JSON shape and its validation, which collects every violation. */
class UserTest {

  private static final User.Violation MISSING = new User.Violation("name", "must be present");
  private static final User.Violation BLANK = new User.Violation("name", "must not be blank");
  private static final User.Violation TOO_LONG = new User.Violation("name", "must be at most 100 characters");

  @Test
  void jsonShapeIsExactlyIdThenName() {
    assertEquals("{\"id\":1,\"name\":\"Alice\"}", Response.json(new User(1, "Alice")).bodyText());
  }

  @Test
  void jsonReadsBackIntoAUser() {
    Request r =
        Request.builder("POST", "/users").header("Content-Type", "application/json").body("{\"name\":\"Bob\",\"id\":2}").build();
    assertEquals(Result.ok(new User(2, "Bob")), r.json(User.class));
  }

  @Test
  void aMissingNameIsReadAsNullAndThenRefused() {
    Request r = Request.builder("POST", "/users").header("Content-Type", "application/json").body("{\"id\":2}").build();
    User u = r.json(User.class).orElseThrow();
    assertEquals(Result.err(List.of(MISSING)), User.validateName(u.name()));
  }

  @Test
  void aPresentNameIsValid() {
    assertEquals(Result.ok("Alice"), User.validateName("Alice"));
  }

  @Test
  void aMissingNameIsAViolation() {
    assertEquals(Result.err(List.of(MISSING)), User.validateName(null));
  }

  @Test
  void blankNamesAreViolations() {
    for (String blank : new String[] {"", " ", "\t\n", "\u2003"}) {
      assertEquals(Result.err(List.of(BLANK)), User.validateName(blank), () -> "'" + blank + "'");
    }
  }

  @Test
  void oneHundredCharactersIsTheMostAllowed() {
    assertEquals(Result.ok("a".repeat(100)), User.validateName("a".repeat(100)));
    assertEquals(Result.err(List.of(TOO_LONG)), User.validateName("a".repeat(101)));
  }

  @Test
  void lengthIsCountedInCodePointsNotChars() {
    String hundredEmoji = "\uD83D\uDE00".repeat(100); // 200 chars, 100 code points
    assertEquals(200, hundredEmoji.length());
    assertTrue(User.validateName(hundredEmoji).isOk());
    assertEquals(Result.err(List.of(TOO_LONG)), User.validateName(hundredEmoji + "x"));
  }

  @Test
  void aLongBlankNameGetsBothViolations() {
    assertEquals(Result.err(List.of(BLANK, TOO_LONG)), User.validateName(" ".repeat(101)));
  }

  @Test
  void validateCollectsEveryViolationOfTheUser() {
    Result<User, List<User.Violation>> r = new User(0, " ".repeat(150)).validate();
    assertEquals(
        Result.err(List.of(new User.Violation("id", "must be at least 1"), BLANK, TOO_LONG)), r);
    assertEquals(
        Result.err(List.of(new User.Violation("id", "must be at least 1"), MISSING)), new User(-5, null).validate());
  }

  @Test
  void aValidUserValidatesToItself() {
    User u = new User(7, "Grace");
    assertSame(u, u.validate().orElseThrow());
  }

  @Test
  void violationListsAreImmutable() {
    List<User.Violation> v = User.validateName(null).toErrorOptional().orElseThrow();
    assertThrows(UnsupportedOperationException.class, () -> v.add(BLANK));
  }

  @Test
  void violationsSerializeAsFieldAndMessage() {
    assertEquals(
        "[{\"field\":\"name\",\"message\":\"must be present\"}]", Response.json(List.of(MISSING)).bodyText());
  }
}
