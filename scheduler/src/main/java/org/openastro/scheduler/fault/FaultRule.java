package org.openastro.scheduler.fault;

import java.time.Duration;
import java.time.Instant;

/**
 * When silence becomes a fault: {@code missed} heartbeat intervals without a heartbeat. With the
 * defaults (15 s, 3) a node heard last at t is FAULTED from t + 45 s on; the sweep that applies
 * the rule runs every tick, so the fault is seen by t + 45 s + one tick.
 */
public record FaultRule(Duration heartbeatInterval, int missed) {

  public FaultRule {
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || missed < 1) {
      throw new IllegalArgumentException("heartbeat interval must be positive and missed at least 1");
    }
  }

  /** The silence after which a node is faulted. */
  public Duration silenceLimit() {
    return heartbeatInterval.multipliedBy(missed);
  }

  /** The first instant at which a node last heard at {@code lastHeartbeat} counts as faulted. */
  public Instant faultAt(Instant lastHeartbeat) {
    return lastHeartbeat.plus(silenceLimit());
  }

  public boolean isFaulted(Instant lastHeartbeat, Instant now) {
    return !now.isBefore(faultAt(lastHeartbeat));
  }
}
