package org.openastro.scheduler.astro;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of time [start, end) in which a target can be observed. */
public record TimeWindow(Instant start, Instant end) {

  public TimeWindow {
    Objects.requireNonNull(start, "start must not be null");
    Objects.requireNonNull(end, "end must not be null");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end must not be before start: " + start + " > " + end);
    }
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
