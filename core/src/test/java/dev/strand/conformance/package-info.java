/**
 * The conformance suite: what every Strand backend must do, over real sockets on loopback. It ships
 * in {@code strand-core}'s test-jar so that any backend, ours or a third party's, runs the same cases.
 *
 * <p>To test a backend, depend on {@code dev.strand:strand-core:test-jar} (test scope), JUnit
 * Jupiter and Logback, and extend each contract with one line:
 *
 * <pre>{@code
 * class MyServerTest extends ServerContract { protected Backend backend() { return new MyBackend(); } }
 * class MyRoutingTest extends RoutingContract { protected Backend backend() { return new MyBackend(); } }
 * class MyProblemTest extends ProblemContract { protected Backend backend() { return new MyBackend(); } }
 * class MyLimitsTest extends LimitsContract { protected Backend backend() { return new MyBackend(); } }
 * class MyLifecycleTest extends LifecycleContract { protected Backend backend() { return new MyBackend(); } }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.strand.conformance.ServerContract}: start and stop, methods, targets, headers,
 *       bodies fixed, chunked and streamed, keep-alive and pipelining, request ids, virtual threads.
 *   <li>{@link dev.strand.conformance.RoutingContract}: the {@link dev.strand.Router} through the
 *       backend: escapes, HEAD, OPTIONS, 404, 405, redirects, absolute-form targets.
 *   <li>{@link dev.strand.conformance.ProblemContract}: every problem Strand answers (400, 413, 415,
 *       422, 500, 503) and malformed input (bad targets, conflicting framing, header injection).
 *   <li>{@link dev.strand.conformance.LimitsContract}: header size, read-header and idle timeouts,
 *       slow clients, 5,000 requests at once.
 *   <li>{@link dev.strand.conformance.LifecycleContract}: deadlines (504), a client that leaves, and
 *       graceful shutdown.
 * </ul>
 *
 * <p>Where servers differ, a case follows the backend's {@link dev.strand.spi.Capabilities}: it
 * checks what the backend declares and is skipped, with the reason, where the declaration says the
 * backend cannot. Every server listens on 127.0.0.1, port 0, with the idle timeout
 * {@link dev.strand.conformance.ContractSupport#IDLE_TIMEOUT}. The 5,000-request case keeps at
 * most 1,000 connections waiting to be accepted, so a backend should listen with a backlog of at
 * least that.
 */
package dev.strand.conformance;
