package dev.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ServerConfig: safe defaults, immutable changes, and invalid values refused at once. */
class ServerConfigTest {

  @Test
  void defaultsAreThoseDocumented() {
    ServerConfig c = ServerConfig.defaults();
    assertEquals("0.0.0.0", c.host());
    assertEquals(8080, c.port());
    assertEquals(Duration.ofSeconds(30), c.requestTimeout());
    assertEquals(Duration.ofSeconds(10), c.readHeaderTimeout());
    assertEquals(Duration.ofSeconds(60), c.idleTimeout());
    assertEquals(64 * 1024, c.maxHeaderBytes());
    assertEquals(10L * 1024 * 1024, c.maxBodyBytes());
    assertEquals(10_000, c.maxConcurrentRequests());
    assertEquals(Duration.ofSeconds(10), c.shutdownGrace());
    assertEquals(Optional.empty(), c.backendName());
    assertEquals(Optional.empty(), c.backend());
    assertTrue(c.accessLog());
  }

  @Test
  void withMethodsReturnChangedCopies() {
    ServerConfig base = ServerConfig.defaults();
    ServerConfig c =
        base.withHost("127.0.0.1")
            .withPort(0)
            .withRequestTimeout(Duration.ofSeconds(2))
            .withReadHeaderTimeout(Duration.ofSeconds(3))
            .withIdleTimeout(Duration.ofSeconds(4))
            .withMaxHeaderBytes(2048)
            .withMaxBodyBytes(0)
            .withMaxConcurrentRequests(5)
            .withShutdownGrace(Duration.ZERO)
            .withBackend("jetty")
            .withAccessLog(false);
    assertEquals("127.0.0.1", c.host());
    assertEquals(0, c.port());
    assertEquals(Duration.ofSeconds(2), c.requestTimeout());
    assertEquals(Duration.ofSeconds(3), c.readHeaderTimeout());
    assertEquals(Duration.ofSeconds(4), c.idleTimeout());
    assertEquals(2048, c.maxHeaderBytes());
    assertEquals(0, c.maxBodyBytes());
    assertEquals(5, c.maxConcurrentRequests());
    assertEquals(Duration.ZERO, c.shutdownGrace());
    assertEquals(Optional.of("jetty"), c.backendName());
    assertFalse(c.accessLog());
    assertEquals(8080, base.port(), "the original is unchanged");
    assertTrue(c.toString().contains("backend=jetty"), c.toString());
  }

  @Test
  void invalidValuesAreRefusedWithAStrandMessage() {
    ServerConfig d = ServerConfig.defaults();
    for (Runnable bad :
        new Runnable[] {
          () -> d.withPort(-1),
          () -> d.withPort(65_536),
          () -> d.withRequestTimeout(Duration.ZERO),
          () -> d.withReadHeaderTimeout(Duration.ofMillis(-1)),
          () -> d.withIdleTimeout(Duration.ZERO),
          () -> d.withMaxHeaderBytes(1023),
          () -> d.withMaxBodyBytes(-1),
          () -> d.withMaxConcurrentRequests(0),
          () -> d.withShutdownGrace(Duration.ofSeconds(-1))
        }) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
      assertTrue(e.getMessage().startsWith("strand: "), e.getMessage());
    }
  }

  @Test
  void missingValuesAreRefused() {
    ServerConfig d = ServerConfig.defaults();
    assertThrows(NullPointerException.class, () -> d.withHost(null));
    assertThrows(NullPointerException.class, () -> d.withRequestTimeout(null));
    assertThrows(NullPointerException.class, () -> d.withShutdownGrace(null));
    assertThrows(NullPointerException.class, () -> d.withBackend((dev.strand.spi.Backend) null));
  }
}
