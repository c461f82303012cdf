/**
 * The seed's realistic API, the Go way: a store whose methods take the request's {@link
 * dev.strand.Context} first and return a {@link dev.strand.Result} instead of throwing, a sealed
 * {@link dev.strand.examples.users.StoreError}, and handlers that {@code switch} exhaustively over
 * every outcome, so the unhappy path is visible and checked by the compiler.
 */
@CheckReturnValue
package dev.strand.examples.users;

import dev.strand.CheckReturnValue;
