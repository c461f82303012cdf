package dev.strand.examples.users;

import dev.strand.Context;
import dev.strand.ContextError;
import dev.strand.Result;
import dev.strand.model.User;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UserStore is the seed's simulated database: users in memory, and a wait before every read that
 * gives up as soon as the caller's context ends. Thread-safe.
 */
public final class UserStore {

  private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);

  private final Map<Long, User> users = new ConcurrentHashMap<>();
  private final AtomicLong nextId;
  private final Duration latency;

  private UserStore(Duration latency, long nextId) {
    this.latency = latency;
    this.nextId = new AtomicLong(nextId);
  }

  /**
   * Returns a store holding user 1, {@code Alice}; new users get ids from 2.
   *
   * @param latency how long every read waits, as a database would
   * @return the store
   */
  public static UserStore seeded(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("strand-examples: latency must not be negative, got " + latency);
    }
    UserStore store = new UserStore(latency, 2);
    store.users.put(1L, new User(1, "Alice"));
    return store;
  }

  /**
   * Finds a user, after the simulated database wait: the seed's {@code FetchUser}, whose
   * {@code select} returns {@code ctx.Err()} when the context ends first.
   *
   * @param ctx the caller's context; the wait ends early when it does
   * @param id the user's id
   * @return the user, {@link StoreError.NotFound} or {@link StoreError.Canceled}
   */
  public Result<User, StoreError> find(Context ctx, long id) {
    LOG.debug("user {}: waiting {} ms for the database", id, latency.toMillis());
    return switch (ctx.sleep(latency)) {
      case Result.Err<Duration, ContextError>(var error) -> Result.err(new StoreError.Canceled(error));
      case Result.Ok<Duration, ContextError> waited -> {
        User user = users.get(id);
        yield user == null ? Result.err(new StoreError.NotFound(id)) : Result.ok(user);
      }
    };
  }

  /**
   * Creates a user with a fresh id, unless the caller's context has already ended (then nothing is
   * written, as a database would roll back). The name must already be valid: see {@link
   * User#validateName(String)}.
   *
   * @param ctx the caller's context
   * @param name the new user's name
   * @return the new user, or {@link StoreError.Canceled}
   */
  public Result<User, StoreError.Canceled> create(Context ctx, String name) {
    Optional<ContextError> ended = ctx.err();
    if (ended.isPresent()) {
      return Result.err(new StoreError.Canceled(ended.get()));
    }
    User user = new User(nextId.getAndIncrement(), name);
    users.put(user.id(), user);
    LOG.debug("user {}: created", user.id());
    return Result.ok(user);
  }
}
