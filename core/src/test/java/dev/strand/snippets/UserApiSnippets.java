package dev.strand.snippets;

import dev.strand.Context;
import dev.strand.ContextError;
import dev.strand.Handler;
import dev.strand.Problem;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.Result;
import dev.strand.model.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The founding article's programs written with Strand: the source of the code shown in the API
 * documentation (through {@code {@snippet}} regions) and exercised by {@code UserApiSnippetsTest}.
 */
public final class UserApiSnippets {
  private UserApiSnippets() {}

  // @start region=hello
  static final Handler HELLO = (ctx, req) -> Response.text("Hello from Strand");
  // @end

  // @start region=fetch-user
  // FetchUser: the simulated database wait, cut short when the context ends.
  static Result<User, ContextError> fetchUser(Context ctx, long id) {
    return ctx.sleep(Duration.ofMillis(100)).map(waited -> new User(id, "Alice"));
  }
  // @end

  // @start region=handle-user
  static Response handleUser(Context ctx, Request request) {
    return switch (fetchUser(ctx, 1)) {
      case Result.Ok(var user) -> Response.json(user);
      case Result.Err(var error) -> Response.problem(error.toProblem());
    };
  }
  // @end

  // @start region=lookup-error
  /** Why a user could not be looked up: every case a caller must answer. */
  public sealed interface LookupError {
    /** The id in the path is not a decimal from 1. */
    record BadId(String raw) implements LookupError {}

    /** No user has this id. */
    record NotFound(long id) implements LookupError {}

    /** The request's context ended first: deadline, client gone, shutdown. */
    record Ended(ContextError error) implements LookupError {}
  }
  // @end

  /** A user store that answers after a simulated database latency, honouring the context. */
  public static final class UserStore {
    private final Map<Long, User> users = new ConcurrentHashMap<>(Map.of(1L, new User(1, "Alice")));
    private final AtomicLong nextId = new AtomicLong(2);
    private final Duration latency;

    /**
     * Creates a store holding Alice, user 1.
     *
     * @param latency how long each lookup waits, like a database round trip
     */
    public UserStore(Duration latency) {
      this.latency = latency;
    }

    // @start region=find
    Result<User, LookupError> find(Context ctx, long id) {
      if (ctx.sleep(latency) instanceof Result.Err<Duration, ContextError>(var error)) {
        return Result.err(new LookupError.Ended(error));
      }
      User user = users.get(id);
      return user != null ? Result.ok(user) : Result.err(new LookupError.NotFound(id));
    }
    // @end

    User add(String name) {
      User user = new User(nextId.getAndIncrement(), name);
      users.put(user.id(), user);
      return user;
    }
  }

  // @start region=parse-id
  static Result<Long, LookupError> parseId(String raw) {
    boolean digits = !raw.isEmpty() && raw.chars().allMatch(c -> c >= '0' && c <= '9');
    return Result.attempt(() -> Long.parseLong(raw))
        .<LookupError>mapErr(e -> new LookupError.BadId(raw))
        .flatMap(id -> digits && id >= 1 ? Result.ok(id) : Result.err(new LookupError.BadId(raw)));
  }
  // @end

  // @start region=get-user
  static Handler getUser(UserStore store) {
    return (ctx, request) -> {
      String raw = request.pathValue("id").orElse("");
      return switch (parseId(raw).flatMap(id -> store.find(ctx, id))) {
        case Result.Ok(var user) -> Response.json(user);
        case Result.Err(LookupError.BadId(var id)) ->
            Response.problem(Problem.badRequest("The id '" + id + "' is not a decimal from 1."));
        case Result.Err(LookupError.NotFound(var id)) ->
            Response.problem(Problem.notFound("There is no user " + id + "."));
        case Result.Err(LookupError.Ended(var error)) -> Response.problem(error.toProblem());
      };
    };
  }
  // @end

  // @start region=new-user
  /** The body of {@code POST /users}. */
  public record NewUser(String name) {}
  // @end

  // @start region=create-user
  static Handler createUser(UserStore store) {
    return (ctx, request) -> switch (request.json(NewUser.class)) {
      case Result.Err(var problem) -> Response.problem(problem); // 400, 413 or 415
      case Result.Ok(var body) -> switch (User.validateName(body.name())) {
        case Result.Err(List<User.Violation> violations) ->
            Response.problem(Problem.unprocessable("The user is not valid.", violations));
        case Result.Ok(var name) -> {
          User user = store.add(name);
          // @start region=created
          yield Response.json(201, user).withHeader("Location", "/user/" + user.id());
          // @end
        }
      };
    };
  }
  // @end
}
