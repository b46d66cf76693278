package org.openastro.scheduler.mission;

import java.time.Duration;

/**
 * Delays between attempts of a delivery that is retried until it is accepted: doubling from the
 * initial delay, capped. Attempt 1 is the first retry.
 */
public record Backoff(Duration initial, Duration max) {

  public Duration delayBefore(int attempt) {
    if (attempt <= 1) {
      return initial.compareTo(max) <= 0 ? initial : max;
    }
    int shift = Math.min(attempt - 1, 30);
    long millis = initial.toMillis() << shift;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
