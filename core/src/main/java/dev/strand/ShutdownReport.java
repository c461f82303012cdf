package dev.strand;

import java.time.Duration;

/**
 * A ShutdownReport tells what a {@link Server#shutdown(Duration)} did.
 *
 * @param drained in-flight requests that finished within the grace
 * @param cut requests still running when the grace ran out, canceled with cause
 *     {@link ContextError.Cause#SHUTDOWN}
 * @param took how long the shutdown took
 */
public record ShutdownReport(int drained, int cut, Duration took) {}
