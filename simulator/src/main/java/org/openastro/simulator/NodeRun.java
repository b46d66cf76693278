package org.openastro.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** What every node of one run shares: the options, the plan, the counters and the API. */
record NodeRun(SimOptions options, HeartbeatSchedule schedule, FaultPlan faults, Stats stats, FaultLedger ledger,
    GatewayApi api, long startNanos, AtomicInteger downNow, AtomicInteger observing) {

  /** Time since the nodes started connecting (what {@code --fault-after} counts from). */
  Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
