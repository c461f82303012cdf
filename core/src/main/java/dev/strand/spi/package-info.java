/**
 * The service provider interface a server adapter implements: {@link dev.strand.spi.Backend},
 * found by {@link java.util.ServiceLoader}, hands each request to Strand's core as an
 * {@link dev.strand.spi.Exchange}.
 *
 * <p>Keep an adapter thin: translate the server's request and response, run each request on the
 * executor Strand gives you, and let the core do everything else. Then run the conformance suite
 * from {@code strand-core}'s test-jar against it: subclass {@code dev.strand.conformance.ServerContract}.
 */
package dev.strand.spi;
