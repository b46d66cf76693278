package org.openastro.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every node of one run shares: the options, the plan, the counters and the API; {@code acks}
 * only when the run writes an acknowledgement ledger (null otherwise).
 */
record NodeRun(SimOptions options, HeartbeatSchedule schedule, FaultPlan faults, Stats stats, FaultLedger ledger,
    GatewayApi api, long startNanos, AtomicInteger downNow, AtomicInteger observing, AckLedger acks) {

  /** Time since the nodes started connecting (what {@code --fault-after} counts from). */
  Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
