package dev.strand.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml loads cleanly and sets the levels the apps promise. */
class LoggingConfigTest {

  @Test
  void logbackXmlLoadsWithoutWarningsAndSetsTheLevels() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    List<Status> problems =
        context.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getEffectiveLevel() >= Status.WARN)
            .toList();
    assertEquals(List.of(), problems);
    assertTrue(context.getLogger("dev.strand.access").isInfoEnabled());
    assertTrue(context.getLogger("dev.strand.server").isInfoEnabled());
    assertEquals(Level.INFO, context.getLogger("dev.strand.server").getEffectiveLevel(), "client-gone DEBUG stays quiet");
    assertEquals(Level.WARN, context.getLogger("io.undertow").getEffectiveLevel());
    assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getEffectiveLevel());
  }
}
