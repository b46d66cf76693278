package org.openastro.alerts;

import java.time.Duration;
import org.openastro.domain.ObservationType;
import org.openastro.domain.ScienceCase;

/**
 * What a kind of alert becomes: a mission of this science case and priority, asking this much
 * exposure within a window of this length starting when the alert is accepted, in this observation class.
 */
public record AlertRule(ScienceCase scienceCase, int priority, Duration exposure, Duration window,
    ObservationType observationType) {
  public AlertRule(ScienceCase scienceCase, int priority, Duration exposure, Duration window) {
    this(scienceCase, priority, exposure, window, ObservationType.NORMAL);
  }

  public AlertRule {
    observationType = observationType == null ? ObservationType.NORMAL : observationType;
    if (priority < 1 || priority > 100) {
      throw new IllegalArgumentException("priority must be between 1 and 100, not " + priority);
    }
    if (exposure.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("exposure must be at least 1s");
    }
    if (window.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("window must be at least 1m");
    }
  }
}
