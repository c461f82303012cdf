/**
 * Strand on the JDK's built-in HTTP server ({@code com.sun.net.httpserver}, module
 * {@code jdk.httpserver}): {@link dev.strand.jdkhttp.JdkHttpBackend}, found by
 * {@link java.util.ServiceLoader} under the name {@code jdkhttp}. No dependency beyond the JDK.
 */
package dev.strand.jdkhttp;
