package dev.strand.examples.logging;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.io.PrintStream;

/**
 * A StderrStatusListener prints Logback's own warnings and errors (a broken {@code logback.xml}, an
 * appender that cannot start) on stderr, and nothing else.
 *
 * <p>Without a listener Logback prints them on stdout, where the launcher's first line must be
 * {@code listening on ...}; Logback's stock console listeners print every status, even when all is
 * well.
 */
public final class StderrStatusListener implements StatusListener {

  /** Creates the listener; Logback does, from {@code <statusListener class="...">}. */
  public StderrStatusListener() {}

  @Override
  public void addStatusEvent(Status status) {
    if (status.getEffectiveLevel() >= Status.WARN) {
      PrintStream err = System.err;
      err.println("logback: " + status);
      if (status.getThrowable() != null) {
        status.getThrowable().printStackTrace(err);
      }
    }
  }
}
