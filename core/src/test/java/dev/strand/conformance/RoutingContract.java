package dev.strand.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Response;
import dev.strand.Router;
import dev.strand.Server;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RoutingContract holds what a {@link Router} must see through a backend: methods and paths as
 * sent, escapes that stay escaped until matched, HEAD and OPTIONS, 404 and 405 problems. Extend it
 * with one line naming the backend.
 */
public abstract class RoutingContract extends ContractSupport {

  /** Creates the contract. */
  protected RoutingContract() {}

  private Server server;

  @BeforeEach
  final void startRouter() {
    Router router =
        Router.create()
            .handle("GET /{$}", (ctx, r) -> Response.text("home"))
            .handle("GET /user/{id}", (ctx, r) -> Response.text("user " + r.pathValue("id").orElseThrow()))
            .handle("GET /user/me", (ctx, r) -> Response.text("me"))
            .handle("POST /users", (ctx, r) -> Response.text(201, "created " + r.text().orElse("?")))
            .handle("DELETE /user/{id}", (ctx, r) -> Response.status(204))
            .handle("/files/{path...}", (ctx, r) -> Response.text(r.method() + " file " + r.pathValue("path").orElseThrow()))
            .handle("GET /pattern/{a}/{b}", (ctx, r) -> Response.text(r.pattern().orElse("none") + " " + r.pathValues()));
    server = start(router);
  }

  @Test
  void routesByMethodAndPath() throws Exception {
    assertEquals("home", get(server, "/").body());
    assertEquals("user 42", get(server, "/user/42").body());
    HttpResponse<String> created = send(request(server, "/users").POST(HttpRequest.BodyPublishers.ofString("bob")));
    assertEquals(201, created.statusCode());
    assertEquals("created bob", created.body());
    assertEquals(204, send(request(server, "/user/42").DELETE()).statusCode());
  }

  @Test
  void mostSpecificPatternWins() throws Exception {
    assertEquals("me", get(server, "/user/me").body());
    assertEquals("user you", get(server, "/user/you").body());
  }

  @Test
  void pathValueIsDecoded() throws Exception {
    assertEquals("user a b", get(server, "/user/a%20b").body());
    assertEquals("user café", get(server, "/user/caf%C3%A9").body());
  }

  @Test
  void escapedSlashStaysInsideOneSegment() throws Exception {
    assertEquals("user a/b", raw(server).send(head("GET", "/user/a%2Fb")).read().text());
  }

  @Test
  void restWildcardTakesTheRemainderForAnyMethod() throws Exception {
    assertEquals("GET file a/b/c.txt", get(server, "/files/a/b/c.txt").body());
    assertEquals("PUT file x", send(request(server, "/files/x").PUT(HttpRequest.BodyPublishers.noBody())).body());
  }

  @Test
  void matchedPatternAndPathValuesAreOnTheRequest() throws Exception {
    assertEquals("GET /pattern/{a}/{b} {a=1, b=2}", get(server, "/pattern/1/2").body());
  }

  @Test
  void unknownPathGets404Problem() throws Exception {
    assertProblem(404, get(server, "/nowhere"));
    assertProblem(404, get(server, "/user/1/extra"));
  }

  @Test
  void wrongMethodGets405ProblemWithAllow() throws Exception {
    HttpResponse<String> res = send(request(server, "/user/42").PUT(HttpRequest.BodyPublishers.noBody()));
    assertProblem(405, res);
    List<String> allow = List.of(res.headers().firstValue("Allow").orElse("").split(",\\s*"));
    assertTrue(allow.containsAll(List.of("DELETE", "GET", "HEAD")), "Allow: " + allow);
    assertFalse(allow.contains("PUT"), "Allow: " + allow);
  }

  @Test
  void getRouteServesHeadWithoutABody() throws Exception {
    Raw raw = raw(server);
    RawResponse head = raw.send(head("HEAD", "/user/42")).read(true);
    assertEquals(200, head.status());
    String length = head.header("Content-Length");
    if (length != null) {
      assertEquals(String.valueOf("user 42".length()), length);
    }
    assertEquals("user 7", raw.send(head("GET", "/user/7")).read().text(), "no body was sent for HEAD");
  }

  @Test
  void optionsIsAnsweredWithAllow() throws Exception {
    RawResponse res = raw(server).send(head("OPTIONS", "/user/42")).read();
    assertEquals(204, res.status(), res.toString());
    List<String> allow = List.of(res.header("Allow").split(",\\s*"));
    assertTrue(allow.containsAll(List.of("DELETE", "GET", "HEAD", "OPTIONS")), "Allow: " + allow);
  }

  @Test
  void nonCanonicalPathIsRedirectedWithItsQuery() throws Exception {
    RawResponse dots = raw(server).send(head("GET", "/files/../user/9?x=1")).read();
    assertEquals(301, dots.status(), dots.toString());
    assertEquals("/user/9?x=1", dots.header("Location"));
    RawResponse doubled = raw(server).send(head("GET", "//user/9")).read();
    assertEquals(301, doubled.status(), "a target starting with // is a path, not a host: " + doubled);
    assertEquals("/user/9", doubled.header("Location"));
  }

  @Test
  void absoluteFormTargetIsRoutedByItsPath() throws Exception {
    RawResponse res = raw(server).send(head("GET", "http://127.0.0.1/user/5")).read();
    assertEquals("user 5", res.text(), res.toString());
  }
}
