package org.openastro.simulator;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a node heartbeats: every interval times (1 ± jitter), uniformly, so thousands of nodes do
 * not beat in step; the first beat after a (re)connect falls anywhere in the first interval for
 * the same reason.
 */
final class HeartbeatSchedule {
  private final long intervalMs;
  private final double jitter;

  HeartbeatSchedule(Duration interval, double jitter) {
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("--heartbeat-interval must be at least 1ms");
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("--jitter must be at least 0 and below 1");
    }
    this.intervalMs = interval.toMillis();
    this.jitter = jitter;
  }

  /** Delay before the next heartbeat (ms, at least 1). */
  long nextDelayMs(RandomGenerator random) {
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return Math.max(1, Math.round(intervalMs * factor));
  }

  /** Delay before the first periodic heartbeat after a connect (ms, at least 1). */
  long firstDelayMs(RandomGenerator random) {
    return Math.max(1, (long) (random.nextDouble() * intervalMs));
  }

  /** Longest possible gap between two heartbeats (what the server's fault rule must allow). */
  long longestGapMs() {
    return Math.round(intervalMs * (1 + jitter));
  }
}
