package org.openastro.cql.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The most exposure a task can plausibly hold at a moment: exposure is collected in real time, so
 * it cannot grow faster than the wall-clock time since the task's window start (set to the
 * assignment time or later when the task is assigned), times {@code rate} (1 = real time; a
 * simulator compressing time uses its speed), plus {@code slack} for clock skew and reporting
 * delay. {@code rate} 0 turns the check off; so does a task without a window start.
 */
public record ExposureLimit(double rate, Duration slack) {
  public static final ExposureLimit NONE = new ExposureLimit(0, Duration.ZERO);

  /** Seconds of exposure the task can hold at {@code at}; infinite when not checked. */
  public double maxAt(Instant windowStart, Instant at) {
    if (rate <= 0 || windowStart == null || at == null) {
      return Double.POSITIVE_INFINITY;
    }
    double elapsedS = Math.max(0, Duration.between(windowStart, at).toMillis() / 1000.0);
    return rate * elapsedS + slack.toMillis() / 1000.0;
  }
}
