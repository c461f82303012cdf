package dev.strand;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * A LogCapture records what one logback logger logs while it is open, for tests that assert on log
 * lines. It lowers the logger's level to the one asked for and keeps the events off the console;
 * closing it restores both.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final boolean previousAdditive;
  private final ListAppender<ILoggingEvent> appender =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
          e.prepareForDeferredProcessing(); // capture the MDC and message on the logging thread
          super.append(e);
        }
      };

  private LogCapture(String name, Level level) {
    this.logger = (Logger) LoggerFactory.getLogger(name);
    this.previousLevel = logger.getLevel();
    this.previousAdditive = logger.isAdditive();
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(level);
    logger.setAdditive(false);
  }

  /**
   * Starts capturing logger {@code name} at {@code level} and above.
   *
   * @param name the logger name, such as {@code dev.strand.server}
   * @param level the lowest level recorded
   * @return the capture; close it when done
   */
  public static LogCapture of(String name, Level level) {
    return new LogCapture(name, level);
  }

  /**
   * Returns the events recorded so far.
   *
   * @return a snapshot of the events, oldest first
   */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // AppenderBase.doAppend holds this lock while adding
      return List.copyOf(appender.list);
    }
  }

  /**
   * Returns the events at exactly {@code level}.
   *
   * @param level the level
   * @return the matching events
   */
  public List<ILoggingEvent> at(Level level) {
    return events().stream().filter(e -> e.getLevel() == level).toList();
  }

  /**
   * Waits, at most {@code timeout}, until an event matching {@code p} was recorded.
   *
   * @param timeout the bound
   * @param p what the event must satisfy
   * @return the first matching event
   * @throws AssertionError if none came in time
   */
  public ILoggingEvent await(Duration timeout, Predicate<ILoggingEvent> p) {
    Eventually.that(timeout, () -> events().stream().anyMatch(p), () -> "no matching log event in " + events());
    return events().stream().filter(p).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    logger.setLevel(previousLevel);
    logger.setAdditive(previousAdditive);
  }
}
