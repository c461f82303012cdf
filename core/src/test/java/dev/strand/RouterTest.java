package dev.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matching, path values and the router's own answers (404, 405, OPTIONS, redirects). */
class RouterTest {

  /** Answers with the matched pattern and the path values, so a test can see what matched. */
  static final Handler ECHO =
      (ctx, req) -> Response.text(req.pattern().orElse("(none)"))
          .withHeader("X-Values", req.pathValues().toString());

  static Router routerOf(String... patterns) {
    Router r = Router.create();
    for (String p : patterns) {
      r.handle(p, ECHO);
    }
    return r;
  }

  static Response serve(Router router, String method, String target, String... headers) throws Exception {
    Request.Builder b = Request.builder(method, target);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return router.serve(Context.background(), b.build());
  }

  static Response get(Router router, String target) throws Exception {
    return serve(router, "GET", target);
  }

  /** A set of patterns like an application's, none conflicting. */
  static Router sample() {
    return routerOf(
        "/item/",
        "POST /item/{user}",
        "/item/{user}",
        "/item/{user}/{id}",
        "/item/{user}/{rest...}",
        "GET /item/{user}/settings",
        "HEAD /headwins",
        "GET /headwins",
        "GET /path/{p...}",
        "/a/b/{$}",
        "/{$}",
        "GET /user/{id}",
        "DELETE /user/{id}",
        "example.com/",
        "example.com/a",
        "GET api.example.com/users/{id}");
  }

  @ParameterizedTest(name = "{0} {1} (host {2}) -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          GET    | /item/                | -                  | /item/                    | {}
          GET    | /item/jba             | -                  | /item/{user}              | {user=jba}
          POST   | /item/jba             | -                  | POST /item/{user}         | {user=jba}
          PUT    | /item/jba             | -                  | /item/{user}              | {user=jba}
          GET    | /item/jba/17          | -                  | /item/{user}/{id}         | {user=jba, id=17}
          GET    | /item/jba/settings    | -                  | GET /item/{user}/settings | {user=jba}
          POST   | /item/jba/settings    | -                  | /item/{user}/{id}         | {user=jba, id=settings}
          GET    | /item/jba/17/x/y      | -                  | /item/{user}/{rest...}    | {user=jba, rest=17/x/y}
          GET    | /item/jba/17/         | -                  | /item/{user}/{rest...}    | {user=jba, rest=17/}
          GET    | /item/jba/            | -                  | /item/{user}/{rest...}    | {user=jba, rest=}
          GET    | /item/jba/x/          | -                  | /item/{user}/{rest...}    | {user=jba, rest=x/}
          HEAD   | /headwins             | -                  | HEAD /headwins            | {}
          GET    | /headwins             | -                  | GET /headwins             | {}
          HEAD   | /path/x/y             | -                  | GET /path/{p...}          | {p=x/y}
          GET    | /path/                | -                  | GET /path/{p...}          | {p=}
          GET    | /a/b/                 | -                  | /a/b/{$}                  | {}
          GET    | /                     | -                  | /{$}                      | {}
          GET    | /user/42              | -                  | GET /user/{id}            | {id=42}
          DELETE | /user/42              | -                  | DELETE /user/{id}         | {id=42}
          GET    | /a                    | example.com        | example.com/a             | {}
          GET    | /a                    | EXAMPLE.com:8080   | example.com/a             | {}
          GET    | /b                    | example.com        | example.com/              | {}
          GET    | /item/jba             | example.com        | example.com/              | {}
          GET    | /users/7              | api.example.com    | GET api.example.com/users/{id} | {id=7}
          GET    | /item/jba             | api.example.com    | /item/{user}              | {user=jba}
          GET    | /item/jba             | other.org          | /item/{user}              | {user=jba}
          """)
  void mostSpecificPatternWins(String method, String target, String host, String pattern, String values)
      throws Exception {
    Response r = host == null ? serve(sample(), method, target) : serve(sample(), method, target, "Host", host);
    assertEquals(200, r.status(), () -> method + " " + target + ": " + r.bodyText());
    assertEquals(pattern, r.bodyText());
    assertEquals(values, r.header("X-Values"));
  }

  @ParameterizedTest(name = "{0} {1} -> 404")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          GET | /nope
          GET | /a/b/c
          GET | /a
          GET | /users/7
          """)
  void unmatchedPathIs404Problem(String method, String target) throws Exception {
    Response r = serve(sample(), method, target);
    assertEquals(404, r.status(), r::bodyText);
    assertEquals(Response.PROBLEM_JSON, r.header("Content-Type"));
    assertTrue(r.bodyText().contains("\"status\":404"), r.bodyText());
    assertTrue(r.bodyText().contains("No route for " + target + "."), r.bodyText());
    assertNull(r.header("Allow"));
  }

  @Test
  void emptyRouterAnswers404ForEverything() throws Exception {
    Router r = Router.create();
    assertEquals(404, get(r, "/").status());
    assertEquals(404, serve(r, "POST", "/x/y").status());
    assertEquals(404, serve(r, "OPTIONS", "/x").status());
  }

  @Test
  void wrongMethodIs405WithSortedAllowIncludingHeadAndOptions() throws Exception {
    Router r = routerOf("GET /x", "POST /x", "DELETE /x/{id}", "PUT /y");
    Response res = serve(r, "PATCH", "/x");
    assertEquals(405, res.status());
    assertEquals("GET, HEAD, OPTIONS, POST", res.header("Allow"));
    assertEquals(Response.PROBLEM_JSON, res.header("Content-Type"));
    assertTrue(res.bodyText().contains("\"title\":\"Method Not Allowed\""), res.bodyText());
    assertTrue(res.bodyText().contains("PATCH"), res.bodyText());

    Response put = serve(r, "PUT", "/x/1");
    assertEquals(405, put.status());
    assertEquals("DELETE, OPTIONS", put.header("Allow"));
  }

  @Test
  void allowListsOnlyMethodsWhosePatternsMatchThePath() throws Exception {
    Router r = routerOf("GET /u/{id}", "POST /u/new", "DELETE /u/{id}");
    assertEquals("DELETE, GET, HEAD, OPTIONS", serve(r, "PUT", "/u/7").header("Allow"));
    assertEquals("DELETE, GET, HEAD, OPTIONS, POST", serve(r, "PUT", "/u/new").header("Allow"));
  }

  @Test
  void headIsServedByTheGetRoute() throws Exception {
    Router r = routerOf("GET /doc");
    Response res = serve(r, "HEAD", "/doc");
    assertEquals(200, res.status());
    assertEquals("GET /doc", res.bodyText());
  }

  @Test
  void headIsNotServedByAPostRoute() throws Exception {
    Router r = routerOf("POST /doc");
    Response res = serve(r, "HEAD", "/doc");
    assertEquals(405, res.status());
    assertEquals("OPTIONS, POST", res.header("Allow"));
  }

  @Test
  void patternWithoutMethodMatchesEveryMethod() throws Exception {
    Router r = routerOf("/any");
    for (String m : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW")) {
      assertEquals("/any", serve(r, m, "/any").bodyText(), m);
    }
  }

  @Test
  void optionsIsAnsweredWithAllowWhenNoRouteTakesIt() throws Exception {
    Router r = routerOf("GET /x", "PUT /x");
    Response res = serve(r, "OPTIONS", "/x");
    assertEquals(204, res.status());
    assertEquals("GET, HEAD, OPTIONS, PUT", res.header("Allow"));
    assertEquals(0, res.bodyLength());
  }

  @Test
  void explicitOptionsRouteServesOptions() throws Exception {
    Router r = routerOf("GET /x", "OPTIONS /x");
    assertEquals("OPTIONS /x", serve(r, "OPTIONS", "/x").bodyText());
  }

  @Test
  void optionsForAnUnknownPathIs404() throws Exception {
    assertEquals(404, serve(routerOf("GET /x"), "OPTIONS", "/y").status());
  }

  @Test
  void optionsStarIsAnswered204() throws Exception {
    assertEquals(204, serve(routerOf("GET /x"), "OPTIONS", "*").status());
    assertEquals(400, serve(routerOf("GET /x"), "GET", "*").status());
  }

  @Test
  void multiWildcardMatchesEmptyAndNonEmptyRest() throws Exception {
    Router r = routerOf("/files/{path...}");
    assertEquals("{path=}", get(r, "/files/").header("X-Values"));
    assertEquals("{path=a}", get(r, "/files/a").header("X-Values"));
    assertEquals("{path=a/b/c.txt}", get(r, "/files/a/b/c.txt").header("X-Values"));
    assertEquals("{path=a/b/}", get(r, "/files/a/b/").header("X-Values"));
  }

  @Test
  void dollarMatchesOnlyTheEnd() throws Exception {
    Router r = routerOf("/{$}", "/docs/{$}");
    assertEquals("/{$}", get(r, "/").bodyText());
    assertEquals(404, get(r, "/x").status());
    assertEquals("/docs/{$}", get(r, "/docs/").bodyText());
    assertEquals(404, get(r, "/docs/x").status());
  }

  @Test
  void trailingSlashPatternMatchesTheWholeSubtree() throws Exception {
    Router r = routerOf("/static/");
    for (String p : List.of("/static/", "/static/a", "/static/a/b/c", "/static/a/")) {
      Response res = get(r, p);
      assertEquals(200, res.status(), p);
      assertEquals("{}", res.header("X-Values"), "a trailing slash captures nothing");
    }
    assertEquals(404, get(r, "/staticx").status());
  }

  @Test
  void rootSlashMatchesEverythingButLosesToAnythingMoreSpecific() throws Exception {
    Router r = routerOf("/", "/a", "GET /a/{x}");
    assertEquals("/", get(r, "/zzz/y").bodyText());
    assertEquals("/", get(r, "/").bodyText());
    assertEquals("/a", get(r, "/a").bodyText());
    assertEquals("GET /a/{x}", get(r, "/a/1").bodyText());
    assertEquals("/", serve(r, "POST", "/a/1").bodyText());
  }

  @Test
  void singleWildcardDoesNotMatchAnEmptySegmentOrATrailingSlash() throws Exception {
    Router r = routerOf("/a/{x}");
    assertEquals(404, get(r, "/a/").status());
    assertEquals(404, get(r, "/a/b/").status());
    assertEquals(404, get(r, "/a/b/c").status());
  }

  @Test
  void encodedSlashStaysInsideOneSegment() throws Exception {
    Router r = routerOf("/a/{x}", "/a/{x}/{y}");
    Response one = get(r, "/a/b%2Fc");
    assertEquals("/a/{x}", one.bodyText());
    assertEquals("{x=b/c}", one.header("X-Values"));
    assertEquals("/a/{x}/{y}", get(r, "/a/b/c").bodyText());
  }

  @Test
  void literalSegmentsMatchAfterUnescaping() throws Exception {
    Router r = routerOf("/a%2Fb", "/hello%20world/{x}", "/{x}");
    assertEquals("/a%2Fb", get(r, "/a%2Fb").bodyText());
    assertEquals("/a%2Fb", get(r, "/a%2fb").bodyText());
    assertEquals("/hello%20world/{x}", get(r, "/hello%20world/1").bodyText());
    assertEquals("{x=a}", get(r, "/a").header("X-Values"));
  }

  @Test
  void pathValuesAreDecoded() throws Exception {
    Router r = routerOf("/n/{name}", "/m/{rest...}");
    assertEquals("{name=Jos\u00e9 Mar\u00eda}", get(r, "/n/Jos%C3%A9%20Mar%C3%ADa").header("X-Values"));
    assertEquals("{name=a+b}", get(r, "/n/a+b").header("X-Values"));
    assertEquals("{rest=x/y z}", get(r, "/m/x%2Fy%20z").header("X-Values"));
    assertEquals("{name=100%zz}", get(r, "/n/100%zz").header("X-Values"), "a bad escape stays as sent");
  }

  @Test
  void patternAndPathValueReachTheHandler() throws Exception {
    List<String> seen = new ArrayList<>();
    Router r = Router.create().handle("GET /user/{id}/posts/{post}", (ctx, req) -> {
      seen.add(req.pattern().orElseThrow());
      seen.add(req.pathValue("id").orElseThrow());
      seen.add(req.pathValue("post").orElseThrow());
      seen.add(String.valueOf(req.pathValue("nope").isPresent()));
      seen.add(req.pathValues().keySet().toString());
      return Response.status(204);
    });
    assertEquals(204, get(r, "/user/7/posts/abc").status());
    assertEquals(List.of("GET /user/{id}/posts/{post}", "7", "abc", "false", "[id, post]"), seen);
  }

  @Test
  void patternIsReportedAsRegisteredEvenWithExtraSpaces() throws Exception {
    Router r = routerOf("GET   /spaced");
    assertEquals("GET   /spaced", get(r, "/spaced").bodyText());
    assertEquals(List.of("GET   /spaced"), r.patterns());
  }

  @Test
  void pathValuesMapIsImmutableAndBehavesLikeAMap() throws Exception {
    AtomicReference<Map<String, String>> captured = new AtomicReference<>();
    Router r = Router.create().handle("/{a}/{b}", (ctx, req) -> {
      captured.set(req.pathValues());
      return Response.status(204);
    });
    get(r, "/x/y");
    Map<String, String> values = captured.get();
    assertEquals(Map.of("a", "x", "b", "y"), values);
    assertEquals(Map.of("a", "x", "b", "y").hashCode(), values.hashCode());
    assertTrue(values.containsKey("a"));
    assertFalse(values.containsKey("c"));
    assertThrows(UnsupportedOperationException.class, () -> values.put("c", "z"));
  }

  @Test
  void subtreeRedirectAddsTheSlash() throws Exception {
    Router r = routerOf("/dir/");
    Response res = get(r, "/dir");
    assertEquals(301, res.status());
    assertEquals("/dir/", res.header("Location"));
    Response post = serve(r, "POST", "/dir?x=1&y=2");
    assertEquals(308, post.status());
    assertEquals("/dir/?x=1&y=2", post.header("Location"));
  }

  @Test
  void subtreeRedirectAlsoWinsOverACatchAllRoot() throws Exception {
    Router r = routerOf("/", "/dir/", "/files/{rest...}", "/exact/{$}");
    assertEquals("/dir/", get(r, "/dir").header("Location"));
    assertEquals("/files/", get(r, "/files").header("Location"));
    assertEquals("/exact/", get(r, "/exact").header("Location"));
    assertEquals(200, get(r, "/other").status());
  }

  @Test
  void noSubtreeRedirectWhenThePathItselfIsRegistered() throws Exception {
    Router r = routerOf("/dir/", "/dir");
    Response res = get(r, "/dir");
    assertEquals(200, res.status());
    assertEquals("/dir", res.bodyText());
  }

  @Test
  void noSubtreeRedirectWhenTheSubtreeIsForAnotherMethod() throws Exception {
    Router r = routerOf("POST /dir/");
    assertEquals(404, get(r, "/dir").status());
    assertEquals(308, serve(r, "POST", "/dir").status());
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          GET    | //a                   | 301 | /a
          GET    | /a//b                 | 301 | /a/b
          GET    | /a/./b                | 301 | /a/b
          HEAD   | /a/../b               | 301 | /b
          GET    | /a/b/..               | 301 | /a
          GET    | /a/b/../              | 301 | /a/
          GET    | /../../a              | 301 | /a
          GET    | /a/./b?q=1&r=%20      | 301 | /a/b?q=1&r=%20
          POST   | /x/../a/b?keep=yes    | 308 | /a/b?keep=yes
          DELETE | //a                   | 308 | /a
          GET    | /a/%2e%2e/b           | 301 | /b
          GET    | /a/%2E/b              | 301 | /a/b
          """)
  void uncleanPathIsRedirectedToTheCleanOneKeepingTheQuery(String method, String target, int status, String location)
      throws Exception {
    Router r = routerOf("/a/b", "/b", "/a", "/a/", "/{x...}");
    Response res = serve(r, method, target);
    assertEquals(status, res.status(), res::bodyText);
    assertEquals(location, res.header("Location"));
  }

  @Test
  void redirectLocationCannotPointAtAnotherHost() throws Exception {
    Router r = routerOf("/");
    assertEquals("/evil.com", get(r, "//evil.com").header("Location"));
    assertEquals("/%5Cevil.com/", get(r, "/\\evil.com//").header("Location"));
  }

  @Test
  void hostPatternsIgnoreThePortAndCase() throws Exception {
    Router r = routerOf("Example.COM/x", "/x");
    assertEquals("Example.COM/x", serve(r, "GET", "/x", "Host", "example.com:443").bodyText());
    assertEquals("Example.COM/x", serve(r, "GET", "/x", "Host", "EXAMPLE.COM").bodyText());
    assertEquals("/x", serve(r, "GET", "/x", "Host", "example.org").bodyText());
    assertEquals("/x", get(r, "/x").bodyText());
  }

  @Test
  void hostPatternFallsBackToHostlessPatternsWhenItsPathDoesNotMatch() throws Exception {
    Router r = routerOf("GET example.com/only", "/{x}");
    assertEquals("GET example.com/only", serve(r, "GET", "/only", "Host", "example.com").bodyText());
    assertEquals("/{x}", serve(r, "GET", "/other", "Host", "example.com").bodyText());
    assertEquals("/{x}", serve(r, "POST", "/only", "Host", "example.com").bodyText());
  }

  @Test
  void ipv6HostPatternMatchesBracketedHostHeader() throws Exception {
    Router r = routerOf("[::1]/v6");
    assertEquals(200, serve(r, "GET", "/v6", "Host", "[::1]:8080").status());
    assertEquals(404, serve(r, "GET", "/v6", "Host", "127.0.0.1").status());
  }

  @Test
  void absoluteFormTargetIsRoutedByItsPathAndHost() throws Exception {
    Router r = routerOf("example.com/x", "/y");
    assertEquals("example.com/x", get(r, "http://example.com/x").bodyText());
    assertEquals("/y", get(r, "http://other.org:8080/y").bodyText());
  }

  @Test
  void middlewareWrapsMatchedRoutesInOrderFirstOutermost() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Router r = Router.create().handle("GET /m", (ctx, req) -> {
      calls.add("handler " + req.pattern().orElse("?"));
      return Response.text("ok");
    });
    r.use(tracing("a", calls)).use(tracing("b", calls));
    r.handle("GET /later", (ctx, req) -> {
      calls.add("later");
      return Response.text("ok");
    });

    assertEquals("a", get(r, "/m").header("X-Outer"));
    assertEquals(List.of("a in", "b in", "handler GET /m", "b out", "a out"), calls);
    calls.clear();
    get(r, "/later");
    assertEquals(List.of("a in", "b in", "later", "b out", "a out"), calls);
  }

  @Test
  void middlewareDoesNotWrapTheRoutersOwnAnswers() throws Exception {
    List<String> calls = new ArrayList<>();
    Router r = routerOf("GET /x", "/dir/").use(tracing("a", calls));
    assertEquals(404, get(r, "/nope").status());
    assertEquals(405, serve(r, "POST", "/x").status());
    assertEquals(301, get(r, "/dir").status());
    assertEquals(List.of(), calls);
  }

  @Test
  void middlewareSeesThePatternAndPathValues() throws Exception {
    List<String> seen = new ArrayList<>();
    Router r = routerOf("GET /u/{id}").use(next -> (ctx, req) -> {
      seen.add(req.pattern().orElse("none") + " " + req.pathValue("id").orElse("none"));
      return next.serve(ctx, req);
    });
    get(r, "/u/9");
    assertEquals(List.of("GET /u/{id} 9"), seen);
  }

  static Middleware tracing(String name, List<String> calls) {
    return next -> (ctx, req) -> {
      calls.add(name + " in");
      Response res = next.serve(ctx, req);
      calls.add(name + " out");
      return res.withHeader("X-Outer", name);
    };
  }

  @Test
  void patternsAreListedInRegistrationOrder() {
    Router r = routerOf("GET /b", "/a", "POST /c/{x}", "example.com/");
    assertEquals(List.of("GET /b", "/a", "POST /c/{x}", "example.com/"), r.patterns());
    assertThrows(UnsupportedOperationException.class, () -> r.patterns().add("/z"));
  }

  @Test
  void handleReturnsTheRouterForChaining() {
    Router r = Router.create();
    assertSame(r, r.handle("/a", ECHO));
    assertSame(r, r.use(next -> next));
  }

  @Test
  void nullHandlerOrMiddlewareIsRefusedWithAClearMessage() {
    Router r = Router.create();
    NullPointerException e = assertThrows(NullPointerException.class, () -> r.handle("/a", null));
    assertTrue(e.getMessage().startsWith("strand: "), e.getMessage());
    assertTrue(e.getMessage().contains("/a"), e.getMessage());
    assertThrows(NullPointerException.class, () -> r.use(null));
    assertEquals(List.of(), r.patterns());
  }

  @Test
  void handlerExceptionsPropagateToTheCaller() {
    Router r = Router.create().handle("/boom", (ctx, req) -> {
      throw new IllegalStateException("boom");
    });
    assertThrows(IllegalStateException.class, () -> get(r, "/boom"));
  }

  @Test
  void notFoundDetailDoesNotEchoControlCharactersOrUnboundedInput() throws Exception {
    Router r = Router.create();
    String longPath = "/" + "x".repeat(5000);
    Response res = get(r, longPath);
    assertEquals(404, res.status());
    assertTrue(res.bodyText().length() < 1000, "detail is bounded: " + res.bodyText().length());
    Response ctl = get(r, "/a%0Ab");
    assertFalse(ctl.bodyText().contains("\\n"), ctl.bodyText());
  }

  @Test
  void routersNest() throws Exception {
    Router api = routerOf("GET /api/users/{id}");
    Router root = Router.create().handle("/api/", api).handle("/{$}", ECHO);
    Response res = get(root, "/api/users/5");
    assertEquals("GET /api/users/{id}", res.bodyText());
    assertEquals("{id=5}", res.header("X-Values"));
    assertEquals(404, get(root, "/api/other").status());
  }

  @Test
  void connectRequestsAreNotCleanedOrRedirected() throws Exception {
    Router r = routerOf("CONNECT /a//b", "/a/b");
    Response res = serve(r, "CONNECT", "/a//b");
    assertEquals(200, res.status());
    assertEquals("CONNECT /a//b", res.bodyText());
  }

  @Test
  void connectToAnAuthorityIs404UnlessAPatternMatchesAPath() throws Exception {
    Router r = routerOf("CONNECT /tunnel", "/");
    assertEquals(404, serve(r, "CONNECT", "example.com:443").status());
    assertEquals("CONNECT /tunnel", serve(r, "CONNECT", "/tunnel").bodyText());
  }

  @Test
  void emptyTargetIsRedirectedToTheRoot() throws Exception {
    Response res = get(routerOf("/{$}"), "");
    assertEquals(301, res.status());
    assertEquals("/", res.header("Location"));
  }
}
