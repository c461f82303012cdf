package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Problem;
import dev.strand.Result;
import dev.strand.model.User;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Json: Strand's one mapper reads records and refuses unsafe input with a 400 that names no Java type. */
class JsonTest {

  record Order(long id, List<Line> lines, Map<String, String> tags) {}

  record Line(String sku, int quantity, double price) {}

  record Flag(boolean on) {}

  private static <T> Result<T, Problem> read(String json, Class<T> type) {
    return Json.read(json.getBytes(StandardCharsets.UTF_8), type);
  }

  private static Problem problem(String json, Class<?> type) {
    return read(json, type).toErrorOptional().orElseThrow(() -> new AssertionError("expected a problem for " + json));
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void recordsRoundTrip() {
    Order order = new Order(9, List.of(new Line("a-1", 2, 9.5), new Line("b-2", 1, 0.25)), Map.of("gift", "yes"));
    byte[] bytes = Json.write(order);
    assertEquals(Result.ok(order), Json.read(bytes, Order.class));
  }

  @Test
  void userIsWrittenInItsExactShape() {
    assertEquals("{\"id\":1,\"name\":\"Alice\"}", new String(Json.write(new User(1, "Alice")), StandardCharsets.UTF_8));
  }

  @Test
  void unknownPropertiesAreIgnored() {
    assertEquals(Result.ok(new User(3, "Cy")), read("{\"id\":3,\"name\":\"Cy\",\"extra\":[1,2]}", User.class));
  }

  @Test
  void nestingUpToTheLimitIsRead() {
    assertTrue(read(nested(Json.MAX_NESTING), List.class).isOk());
  }

  @Test
  void nestingDeeperThanTheLimitIs400() {
    Problem p = problem(nested(Json.MAX_NESTING + 1), List.class);
    assertEquals(400, p.status());
    Problem deep = problem(nested(10_000), Object.class);
    assertEquals(400, deep.status());
  }

  @Test
  void aHugeNumberIs400() {
    assertEquals(400, problem("{\"n\":" + "9".repeat(1_000) + "}", Map.class).status());
    assertEquals(400, problem("[" + "1".repeat(Json.MAX_NUMBER + 1) + "]", List.class).status());
  }

  @Test
  void aLongNumberWithinTheLimitIsRead() {
    assertTrue(read("[" + "1".repeat(Json.MAX_NUMBER) + "]", List.class).isOk());
  }

  @Test
  void aStringOverTheLimitIs400() {
    String json = "[\"" + "x".repeat(Json.MAX_STRING + 1) + "\"]";
    assertEquals(400, problem(json, List.class).status());
  }

  @Test
  void aHugeFieldNameIs400() {
    assertEquals(400, problem("{\"" + "k".repeat(5_000) + "\":1}", Map.class).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"id\":1,\"name\":\"A\"} {}", "{\"id\":1,\"name\":\"A\"} x", "{\"id\":1,\"name\":\"A\"}]", "[1] [2]"})
  void trailingTokensAre400(String json) {
    assertEquals(400, problem(json, Object.class).status());
  }

  @Test
  void nullIsRefused() {
    Problem p = problem("null", User.class);
    assertEquals(400, p.status());
    assertEquals("The body must be a JSON value, not null.", p.detail());
  }

  @Test
  void nullForAPrimitiveIs400() {
    assertEquals(400, problem("{\"id\":null,\"name\":\"A\"}", User.class).status());
    assertEquals(400, problem("{\"on\":null}", Flag.class).status());
  }

  @Test
  void syntaxErrorsSayWhere() {
    Problem p = problem("{\n  \"id\": 1,\n  \"name\": }", User.class);
    assertEquals(400, p.status());
    assertTrue(p.detail().startsWith("The body is not valid JSON"), p.detail());
    assertTrue(p.detail().contains("line 3"), p.detail());
  }

  @Test
  void shapeErrorsNameTheJsonPathOnly() {
    Problem p = problem("{\"id\":1,\"lines\":[{\"sku\":\"a\",\"quantity\":\"many\",\"price\":1}],\"tags\":{}}", Order.class);
    assertEquals(400, p.status());
    assertTrue(p.detail().startsWith("The body does not have the expected shape"), p.detail());
    assertTrue(p.detail().contains("lines[0].quantity"), p.detail());
  }

  /** Words that would betray the server's internals: packages, class names, exception types. */
  private static final Pattern INTERNALS =
      Pattern.compile("java\\.|javax\\.|tools\\.jackson|com\\.fasterxml|dev\\.strand|Exception|User|Order|Line|Flag|Record|`|\\$");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "}",
        "nul",
        "[1,]",
        "{\"id\":",
        "{\"id\":\"x\",\"name\":\"y\"}",
        "{\"id\":1,\"name\":[1]}",
        "{\"id\":1.5e999999,\"name\":\"y\"}",
        "[]",
        "\"just a string\"",
        "123",
        "true",
        "{\"id\":1,\"name\":{\"nested\":true}}",
        "{\"id\":99999999999999999999999,\"name\":\"y\"}",
        "{\"id\":1,\"name\":\"\\uZZZZ\"}",
        "{'id':1}",
        "{\"id\":1,\"name\":\"a\"}{\"id\":2}"
      })
  void errorDetailsNeverNameJavaTypes(String json) {
    Problem p = problem(json, User.class);
    assertEquals(400, p.status());
    assertFalse(INTERNALS.matcher(p.detail()).find(), () -> "leaks internals: " + p.detail());
    assertFalse(INTERNALS.matcher(p.title()).find(), p.title());
  }

  @Test
  void errorDetailsForNestedRecordsNeverNameJavaTypes() {
    for (String json :
        new String[] {
          "{\"id\":1,\"lines\":[{\"sku\":1,\"quantity\":{},\"price\":1}]}",
          "{\"id\":1,\"lines\":{\"sku\":\"a\"}}",
          "{\"id\":1,\"tags\":[1,2]}",
          "{\"id\":1,\"lines\":[null, 3]}"
        }) {
      Problem p = problem(json, Order.class);
      assertFalse(INTERNALS.matcher(p.detail()).find(), () -> "leaks internals: " + p.detail());
    }
  }

  @Test
  void theSharedMapperIsOneInstance() {
    assertSame(Json.mapper(), Json.mapper());
  }
}
