package dev.strand.examples.users;

import dev.strand.ContextError;

/**
 * A StoreError is why a {@link UserStore} call failed. It is sealed, so a {@code switch} over it
 * must handle every case, and adding a case breaks every handler that forgot it.
 */
public sealed interface StoreError {

  /**
   * NotFound says no user has the id asked for.
   *
   * @param id the id asked for
   */
  record NotFound(long id) implements StoreError {}

  /**
   * Canceled says the caller's context ended before the store answered: the seed's
   * {@code return User{}, ctx.Err()}.
   *
   * @param error why the context ended
   */
  record Canceled(ContextError error) implements StoreError {}
}
