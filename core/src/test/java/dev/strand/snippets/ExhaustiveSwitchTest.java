package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves what the Result documentation promises: with a sealed error type, a switch that does not
 * answer every case does not compile.
 */
class ExhaustiveSwitchTest {

  private static final String ERRORS =
      """
      package demo;
      sealed interface LookupError {
        record BadId(String raw) implements LookupError {}
        record NotFound(long id) implements LookupError {}
        record Ended(dev.strand.ContextError error) implements LookupError {}
      }
      """;

  private static String handler(String cases) {
    return """
        package demo;
        import dev.strand.*;
        class Handlers {
          static Response answer(Result<Long, LookupError> r) {
            return switch (r) {
              case Result.Ok(var id) -> Response.text("user " + id);
        """ + cases + """
            };
          }
        }
        """;
  }

  private static InMemoryJavac.Outcome compile(String handler) {
    return InMemoryJavac.compile(
        List.of(
            InMemoryJavac.Source.of("demo/LookupError.java", ERRORS),
            InMemoryJavac.Source.of("demo/Handlers.java", handler)));
  }

  @Test
  void aSwitchThatAnswersEveryErrorCompiles() {
    InMemoryJavac.Outcome o =
        compile(
            handler(
                """
                      case Result.Err(LookupError.BadId(var raw)) -> Response.status(400);
                      case Result.Err(LookupError.NotFound(var id)) -> Response.status(404);
                      case Result.Err(LookupError.Ended(var e)) -> Response.problem(e.toProblem());
                """));
    assertTrue(o.success(), String.join("\n", o.errors()));
  }

  @Test
  void aSwitchThatForgetsAnErrorDoesNotCompile() {
    InMemoryJavac.Outcome o =
        compile(
            handler(
                """
                      case Result.Err(LookupError.BadId(var raw)) -> Response.status(400);
                      case Result.Err(LookupError.NotFound(var id)) -> Response.status(404);
                """));
    assertFalse(o.success(), "compiled although LookupError.Ended is not answered");
    assertTrue(
        o.errors().stream().anyMatch(e -> e.contains("does not cover all possible input values")),
        String.join("\n", o.errors()));
  }
}
