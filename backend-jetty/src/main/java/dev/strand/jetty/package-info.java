/**
 * Strand on Jetty 12's core API: {@link dev.strand.jetty.JettyBackend}, found by
 * {@link java.util.ServiceLoader} when {@code strand-backend-jetty} is on the class path.
 */
package dev.strand.jetty;
