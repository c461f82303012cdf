/**
 * Strand: Go-style HTTP handlers for Java.
 *
 * <p>A {@link dev.strand.Handler} is a plain function from a {@link dev.strand.Context} and a
 * {@link dev.strand.Request} to a {@link dev.strand.Response}; a {@link dev.strand.Router} dispatches
 * on Go 1.22 patterns; {@link dev.strand.Server#start} runs it on the backend on the class path, a
 * virtual thread per request. Failures the caller must handle are {@link dev.strand.Result} values.
 *
 * <h2>Contexts</h2>
 *
 * <p>As in Go's {@code context} package: a Context carries a deadline, a cancellation signal and
 * request-scoped values. Functions that do I/O or may block take a Context as their first parameter,
 * named {@code ctx}. Do not store a Context in a field or pass null: pass
 * {@link dev.strand.Context#background()} when there is nothing better. Derive a context for work
 * with a tighter budget ({@code withTimeout}), one you may abandon ({@code withCancel}, closed with
 * try-with-resources like Go's {@code defer cancel()}), or request-scoped data ({@code withValue},
 * keys compared by identity). When a context ends, all contexts derived from it end; a child's
 * deadline is never later than its parent's. Work that must outlive the request uses
 * {@code withoutCancel()}.
 *
 * <p>A request's context ends at the request deadline, when the client goes away, when the response
 * is done, and when a shutdown runs out of grace; {@link dev.strand.Context#err()} tells which. When it
 * ends while the handler runs, the handler's thread is interrupted, so blocking calls return early,
 * and the client is answered at once (504 at a deadline) whatever the handler does next.
 */
package dev.strand;
