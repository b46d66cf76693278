package org.openastro.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;

/**
 * The scheduler's meters. The gauges show what the scheduler last read anyway — node ids by status
 * on each mission sweep, the tasks of every active mission it evaluates — so metrics cost no read
 * of their own and never a table scan. Counters and timers are updated where the event happens.
 * Updates come from the scheduler's event loop; a scrape reads the atomics from another thread.
 */
public final class SchedulerMetrics {
  private final MeterRegistry registry;
  private final Counter faults;
  private final Counter remainders;
  private final Timer assignmentLatency;
  private final Timer missionSweep;
  private final Timer assignmentRound;
  private final Map<NodeStatus, AtomicLong> nodes = new ConcurrentHashMap<>();
  private final Map<TaskStatus, AtomicLong> tasks = new ConcurrentHashMap<>();
  /** Task statuses per active mission seen during the running mission sweep; null between sweeps. */
  private Map<UUID, Collection<TaskStatus>> sweepTally;

  public SchedulerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.faults = Counter.builder("openastro.scheduler.faults.detected")
        .description("nodes this scheduler moved to FAULTED after missed heartbeats").register(registry);
    // Not "...tasks.created": Prometheus reserves the _created suffix and drops such a series.
    this.remainders = Counter.builder("openastro.scheduler.remainder.tasks")
        .description("remainder tasks created for the undelivered exposure of faulted nodes' work")
        .register(registry);
    this.assignmentLatency = Timer.builder("openastro.scheduler.assignment.latency")
        .description("time from a task's creation (PENDING) to its assignment to a node")
        .publishPercentiles(0.5, 0.99)
        .register(registry);
    this.missionSweep = Timer.builder("openastro.scheduler.mission.sweep")
        .description("one mission sweep of the leading instance: every active mission evaluated and planned,"
            + " undelivered completions sent")
        .register(registry);
    this.assignmentRound = Timer.builder("openastro.scheduler.assignment.round")
        .description("one assignment round of the leading instance: the queue's head, the free nodes, the planner"
            + " and the assignments, failed or not")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void faultDetected() {
    faults.increment();
  }

  public void remainderCreated() {
    remainders.increment();
  }

  /** A task was assigned {@code latency} after it was created; negative (clock skew) counts as zero. */
  public void assigned(Duration latency) {
    assignmentLatency.record(latency.isNegative() ? Duration.ZERO : latency);
  }

  /** A mission sweep (the leader's part of it) took {@code nanos}. */
  public void missionSweepTook(long nanos) {
    missionSweep.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** An assignment round took {@code nanos}, whether it succeeded or not. */
  public void assignmentRoundTook(long nanos) {
    assignmentRound.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The scheduler just read that {@code count} nodes are in {@code status}. */
  public void nodesIn(NodeStatus status, int count) {
    nodes.computeIfAbsent(status, s -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder("openastro.scheduler.nodes", value, AtomicLong::get).tag("status", s.name())
          .description("nodes by status, as last read by the scheduler (ONLINE, BUSY, FAULTED of this instance's"
              + " shards at each rescan, the instances' values adding up; PARKED of the fleet when the leader plans)")
          .register(registry);
      return value;
    }).set(count);
  }

  /** A mission sweep begins: task statuses are collected per mission until {@link #endTaskTally}. */
  public void beginTaskTally() {
    sweepTally = new HashMap<>();
  }

  /** The tasks of one active mission as just read (a mission read twice in a sweep counts once). */
  public void tallyTasks(UUID missionId, Collection<TaskStatus> statuses) {
    if (sweepTally != null) {
      sweepTally.put(missionId, statuses);
    }
  }

  /** The sweep is over: the task gauges now show its totals (every status, zero included). */
  public void endTaskTally() {
    if (sweepTally == null) {
      return;
    }
    Map<TaskStatus, Long> totals = new EnumMap<>(TaskStatus.class);
    for (TaskStatus s : TaskStatus.values()) {
      totals.put(s, 0L);
    }
    sweepTally.values().forEach(statuses -> statuses.forEach(s -> totals.merge(s, 1L, Long::sum)));
    sweepTally = null;
    totals.forEach((status, count) -> tasks.computeIfAbsent(status, s -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder("openastro.scheduler.tasks", value, AtomicLong::get).tag("status", s.name())
          .description("tasks of active (PENDING, IN_PROGRESS) missions by status, as of the last mission sweep")
          .register(registry);
      return value;
    }).set(count));
  }
}
