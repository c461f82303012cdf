package dev.strand.conformance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * LogCapture records what one logger (and its children) logs while a test runs. It needs Logback as
 * the SLF4J binding; {@link ContractSupport#captureLogs(String)} skips the test otherwise.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level restore;
  private boolean levelChanged;

  LogCapture(String name) {
    this.logger = (Logger) LoggerFactory.getLogger(name);
    appender.setName("conformance-capture");
    appender.start();
    logger.addAppender(appender);
  }

  /**
   * Lowers the logger's level to INFO until {@link #close()}, so that INFO lines are captured.
   *
   * @return this capture
   */
  public LogCapture atInfo() {
    if (!levelChanged) {
      restore = logger.getLevel();
      levelChanged = true;
    }
    logger.setLevel(Level.INFO);
    return this;
  }

  /**
   * Returns the formatted messages logged so far, at any level.
   *
   * @return the messages, oldest first
   */
  public List<String> messages() {
    synchronized (appender.list) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /**
   * Returns the events logged at ERROR so far.
   *
   * @return the events, oldest first
   */
  public List<ILoggingEvent> errors() {
    synchronized (appender.list) {
      return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
    }
  }

  /**
   * Returns a readable list of everything captured, for failure messages.
   *
   * @return one line per event
   */
  public String describe() {
    synchronized (appender.list) {
      StringBuilder sb = new StringBuilder();
      for (ILoggingEvent e : appender.list) {
        sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(": ").append(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
          sb.append(" [").append(e.getThrowableProxy().getClassName()).append(']');
        }
        sb.append('\n');
      }
      return sb.toString();
    }
  }

  @Override
  public void close() {
    if (levelChanged) {
      logger.setLevel(restore);
    }
    logger.detachAppender(appender);
    appender.stop();
  }
}
