package com.example.hello;

import dev.strand.Context;
import dev.strand.Problem;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.Result;
import dev.strand.Router;
import dev.strand.Server;
import dev.strand.ServerConfig;
import java.time.Duration;
import java.util.List;

public final class Main {

  /** The body of {@code POST /hello}. */
  public record Name(String name) {}

  /** What {@code /hello} answers. */
  public record Greeting(String message) {}

  /** One reason a body is not valid, listed in a 422 problem. */
  public record Violation(String field, String message) {}

  /** The API: three routes, Go 1.22 patterns. */
  public static Router routes() {
    return Router.create()
        .handle("GET /{$}", (ctx, req) -> Response.text("Hello from Strand"))
        .handle("GET /hello/{name}", Main::helloByPath)
        .handle("POST /hello", Main::helloByJson);
  }

  static Response helloByPath(Context ctx, Request request) {
    String name = request.pathValue("name").orElseThrow(); // the pattern guarantees it
    return Response.json(new Greeting("Hello, " + name));
  }

  static Response helloByJson(Context ctx, Request request) {
    return switch (request.json(Name.class)) {
      case Result.Err(var problem) -> Response.problem(problem); // 400 bad JSON, 413 too big, 415 not JSON
      case Result.Ok(var body) when body.name() == null || body.name().isBlank() ->
          Response.problem(Problem.unprocessable("The name is missing.",
              List.of(new Violation("name", "must not be blank"))));
      case Result.Ok(var body) -> Response.json(new Greeting("Hello, " + body.name()));
    };
  }

  public static void main(String[] args) throws InterruptedException {
    ServerConfig config = ServerConfig.defaults()
        .withPort(args.length > 0 ? Integer.parseInt(args[0]) : 8080)
        .withRequestTimeout(Duration.ofSeconds(5));
    Server server = Server.start(routes(), config); // logs "listening on http://0.0.0.0:8080 (backend jdkhttp)"
    Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // Ctrl-C, SIGTERM: drain, then stop
    server.awaitShutdown();
  }
}
