package dev.strand.examples.users;

import dev.strand.Context;
import dev.strand.Problem;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.Result;
import dev.strand.Router;
import dev.strand.examples.Health;
import dev.strand.examples.hello.Hello;
import dev.strand.model.User;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * UserApi is the seed's realistic API on Strand:
 *
 * <ul>
 *   <li>{@code GET /}: 200 {@code Hello from Strand};
 *   <li>{@code GET /user/{id}}: the user as JSON after the simulated database wait, 404 for an
 *       unknown id, 400 for an id that is not a whole number from 1, 504 when the wait outlasts the
 *       request's deadline;
 *   <li>{@code POST /users}: 201 with {@code Location} and the new user, 400, 413, 415 or 422;
 *   <li>{@code GET /panic}: a bug that throws, so Strand answers 500 and logs it with the request id;
 *   <li>{@code GET /healthz}: 200 {@code ok}, 503 once shutdown has begun.
 * </ul>
 *
 * <p>Handlers get the request's {@link Context} first and pass it on, as Go does; every failure the
 * store can report is a {@link StoreError} case the handler's {@code switch} must cover.
 */
public final class UserApi {

  private final UserStore store;
  private final BooleanSupplier shuttingDown;

  private UserApi(UserStore store, BooleanSupplier shuttingDown) {
    this.store = store;
    this.shuttingDown = shuttingDown;
  }

  /**
   * Returns the API's router.
   *
   * @param store where users live
   * @param health tells {@code /healthz} when shutdown has begun
   * @return the router, ready to serve
   */
  public static Router router(UserStore store, Health health) {
    UserApi api = new UserApi(store, health::isShuttingDown);
    return Router.create()
        .handle("GET /{$}", Hello::root)
        .handle("GET /user/{id}", api::getUser)
        .handle("POST /users", api::createUser)
        .handle("GET /panic", UserApi::panic)
        .handle("GET /healthz", api::healthz);
  }

  /** {@code GET /user/{id}}: the seed's HandleUser, with every error path answered. */
  Response getUser(Context ctx, Request request) {
    return switch (UserIds.parse(request.pathValue("id").orElse(""))) {
      case Result.Err<Long, Problem>(var problem) -> Response.problem(problem);
      case Result.Ok<Long, Problem>(var id) ->
          switch (store.find(ctx, id)) {
            case Result.Ok<User, StoreError>(var user) -> Response.json(user);
            case Result.Err<User, StoreError>(StoreError.NotFound notFound) ->
                Response.problem(Problem.notFound("There is no user with id " + notFound.id() + "."));
            case Result.Err<User, StoreError>(StoreError.Canceled canceled) ->
                Response.problem(canceled.error().toProblem());
          };
    };
  }

  /** {@code POST /users}: creates a user from {@code {"name":"..."}}. */
  Response createUser(Context ctx, Request request) {
    return switch (NewUser.nameFrom(request)) {
      case Result.Err<String, Problem>(var problem) -> Response.problem(problem);
      case Result.Ok<String, Problem>(var name) ->
          switch (store.create(ctx, name)) {
            case Result.Ok<User, StoreError.Canceled>(var user) ->
                Response.json(201, user).withHeader("Location", "/user/" + user.id());
            case Result.Err<User, StoreError.Canceled>(var canceled) ->
                Response.problem(canceled.error().toProblem());
          };
    };
  }

  /**
   * {@code GET /panic}: a handler with a bug, an index out of range like the seed's Go panics.
   * Strand recovers it, logs it with the request id and answers 500; the server keeps serving.
   */
  static Response panic(Context ctx, Request request) {
    List<User> found = List.of();
    return Response.json(found.get(0));
  }

  /** {@code GET /healthz}: ready for traffic until shutdown begins. */
  Response healthz(Context ctx, Request request) {
    if (shuttingDown.getAsBoolean()) {
      return Response.problem(Problem.of(503, "The server is shutting down."));
    }
    return Response.text("ok");
  }
}
