package dev.strand.jdkhttp;

import dev.strand.spi.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JvmWide sets the JDK server's system properties, which it reads once per JVM when its first server
 * starts, from the first Strand server's settings; properties already set are left alone. Later
 * servers that want other values get a warning, since the JDK will not apply them.
 */
final class JvmWide {
  private JvmWide() {}

  private static final Logger LOG = LoggerFactory.getLogger("dev.strand.jdkhttp");

  static final String IDLE_INTERVAL = "sun.net.httpserver.idleInterval";
  static final String CLOCK_TICK = "sun.net.httpserver.clockTick";
  static final String MAX_HEADER_SIZE = "sun.net.httpserver.maxReqHeaderSize";
  static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

  /** The JDK's own default ceiling on a request head, in its accounting (32 bytes per field more). */
  private static final int JDK_DEFAULT_HEADER_SIZE = 380 * 1024;

  private static boolean applied; // guarded by JvmWide.class
  private static long idleSeconds; // guarded by JvmWide.class
  private static long headerCeiling; // guarded by JvmWide.class

  static synchronized void apply(Settings settings) {
    long wantIdle = Math.max(1, (settings.idleTimeout().toMillis() + 999) / 1000);
    long wantCeiling = ceilingFor(settings.maxHeaderBytes());
    if (!applied) {
      applied = true;
      setIfAbsent(IDLE_INTERVAL, Long.toString(wantIdle));
      setIfAbsent(CLOCK_TICK, "1000");
      setIfAbsent(MAX_HEADER_SIZE, Long.toString(wantCeiling));
      setIfAbsent(MAX_IDLE_CONNECTIONS, "10000");
      idleSeconds = Long.getLong(IDLE_INTERVAL, wantIdle);
      headerCeiling = Long.getLong(MAX_HEADER_SIZE, wantCeiling);
      return;
    }
    if (wantIdle != idleSeconds) {
      LOG.warn(
          "strand: jdkhttp keeps idle connections {} s, not the {} s asked: the JDK server reads {} once per JVM."
              + " Give every server the same idle timeout, or set the property at launch",
          idleSeconds, wantIdle, IDLE_INTERVAL);
    }
    if (headerCeiling > 0 && wantCeiling > headerCeiling) {
      LOG.warn(
          "strand: jdkhttp closes request heads over {} bytes, below what maxHeaderBytes {} needs: the JDK server"
              + " reads {} once per JVM. Start the server with the largest limit first, or set the property at launch",
          headerCeiling, settings.maxHeaderBytes(), MAX_HEADER_SIZE);
    }
  }

  /** The JDK's ceiling for a Strand limit: room for the limit plus the JDK's per-field overhead. */
  static long ceilingFor(int maxHeaderBytes) {
    return Math.max(JDK_DEFAULT_HEADER_SIZE, Math.min(Integer.MAX_VALUE, 2L * maxHeaderBytes + 16 * 1024));
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
