package org.openastro.scheduler;

import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.intBetween;
import static org.openastro.config.Parsers.text;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.openastro.config.Setting;
import org.openastro.scheduler.plan.AssignmentPlanner;

/** Settings of the scheduler: fault detection, assignment, planning and the completion webhook. */
public final class SchedulerSettings {
  public static final Setting<Duration> HEARTBEAT_INTERVAL = Setting.of("SCHEDULER_HEARTBEAT_INTERVAL",
      "15s", "interval at which nodes heartbeat; this many times MISSED_HEARTBEATS of silence faults a node",
      durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<Integer> MISSED_HEARTBEATS = Setting.of("SCHEDULER_MISSED_HEARTBEATS", "3",
      "heartbeats missed in a row after which a node is FAULTED", intBetween(1, 100));

  public static final Setting<Duration> TICK = Setting.of("SCHEDULER_TICK", "500ms",
      "period of the fault sweep and the assignment round; faults are seen within missed intervals + one tick",
      durationAtLeast(Duration.ofMillis(50)));

  public static final Setting<Duration> MISSION_SWEEP = Setting.of("SCHEDULER_MISSION_SWEEP", "5s",
      "period of the mission sweep: completion, expiry, planning and webhooks (leader), recoveries run again",
      durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<Duration> ASSIGN_LOOKAHEAD = Setting.of("SCHEDULER_ASSIGN_LOOKAHEAD", "30m",
      "a node is a candidate when it sees the target now or its window opens within this", durationAtLeast(Duration.ZERO));

  public static final Setting<Duration> PLANNING_HORIZON = Setting.of("SCHEDULER_PLANNING_HORIZON", "24h",
      "how far ahead a mission is split into tasks over the nodes' visibility windows",
      durationAtLeast(Duration.ofMinutes(1)));

  public static final Setting<Duration> REPLAN_INTERVAL = Setting.of("SCHEDULER_REPLAN_INTERVAL", "1m",
      "a mission whose exposure is not covered by open tasks is planned again at most this often",
      durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<Duration> MAX_TASK_EXPOSURE = Setting.of("SCHEDULER_MAX_TASK_EXPOSURE", "1h",
      "largest exposure one task asks of one node", durationAtLeast(Duration.ofSeconds(1)));

  public static final Setting<Integer> MAX_OPEN_TASKS_PER_MISSION = Setting.of("SCHEDULER_MAX_OPEN_TASKS_PER_MISSION",
      "100", "most open (PENDING or EXECUTING) tasks one mission has at a time; the rest is planned as they close",
      intBetween(1, 100_000));

  public static final Setting<Double> SUN_MAX_ALTITUDE = Setting.of("SCHEDULER_SUN_MAX_ALTITUDE_DEG", "-12",
      "night for night-only missions: the Sun at most this high (degrees; -12 = nautical twilight)",
      doubleBetween(-90, 90));

  public static final Setting<Integer> ASSIGN_BATCH = Setting.of("SCHEDULER_ASSIGN_BATCH", "200",
      "pending tasks considered per assignment round, highest priority first", intBetween(1, 100_000));

  public static final Setting<Integer> ASSIGN_CANDIDATES = Setting.of("SCHEDULER_ASSIGN_CANDIDATES",
      String.valueOf(AssignmentPlanner.DEFAULT_CANDIDATES),
      "a task goes to the best of the first this many free nodes, most reliable first, that can observe it (each "
          + "costs a visibility computation); 1000000 compares them all",
      intBetween(1, 1_000_000));

  public static final Setting<URI> COMPLETION_WEBHOOK_URL = Setting.of("MISSION_COMPLETED_WEBHOOK_URL", null,
      "URL that gets an HTTP POST when a mission is COMPLETE (the stacking pipeline); unset = event only",
      SchedulerSettings::httpUri);

  public static final Setting<Duration> WEBHOOK_RETRY_INITIAL = Setting.of("MISSION_COMPLETED_WEBHOOK_RETRY_INITIAL",
      "1s", "first retry delay of the completion webhook; doubles per attempt", durationAtLeast(Duration.ofMillis(10)));

  public static final Setting<Duration> WEBHOOK_RETRY_MAX = Setting.of("MISSION_COMPLETED_WEBHOOK_RETRY_MAX",
      "5m", "longest delay between completion webhook attempts (it is retried until accepted)",
      durationAtLeast(Duration.ofMillis(10)));

  public static final Setting<String> WEBHOOK_TOKEN = Setting.of("MISSION_COMPLETED_WEBHOOK_TOKEN", null,
      "bearer token sent with the completion webhook; unset = no Authorization header", text());

  public static final Setting<Integer> PREEMPT_MIN_PRIORITY_GAP = Setting.of("SCHEDULER_PREEMPT_MIN_PRIORITY_GAP", "0",
      "a RAPID_RESPONSE mission preempts a lower-class task only when its priority exceeds that task's mission "
          + "priority by at least this much (0: equal or higher; -99: the class alone decides)",
      intBetween(-99, 99));

  public static final Setting<Duration> FAILOVER = Setting.of("SCHEDULER_FAILOVER", "15s",
      "a dead scheduler instance's share of the fleet (and the lead, if it had it) moves to the others within this; "
          + "shard leases live two thirds of it and are renewed every fifth",
      durationAtLeast(Duration.ofSeconds(6)));

  public static final Setting<Duration> LIVENESS_RESCAN = Setting.of("SCHEDULER_LIVENESS_RESCAN", "1m",
      "period of the rescan of this instance's shards: ONLINE/BUSY nodes no heartbeat showed are watched, FAULTED "
          + "nodes' recoveries resumed",
      durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<Duration> ROSTER_REFRESH = Setting.of("SCHEDULER_ROSTER_REFRESH", "2s",
      "the leader's list of ONLINE nodes for assignment is read at most this often (ids, and only the rows it cannot "
          + "trust); a node freed by another instance waits at most this long for its next task",
      durationAtLeast(Duration.ZERO));

  public static final Setting<Integer> PLANNING_NODES = Setting.of("SCHEDULER_PLANNING_NODES", "512",
      "a mission is split into tasks over the visibility windows of at most this many capable nodes, spread over "
          + "the Earth in cells of 15 degrees (every occupied cell while the limit allows); assignment still considers "
          + "every free node", intBetween(16, 1_000_000));

  public static final Setting<Integer> NODE_READS_IN_FLIGHT = Setting.of("SCHEDULER_NODE_READS_IN_FLIGHT", "256",
      "rows a scheduler reads at once when it reads many nodes one by one: the leader filling its cache of the "
          + "fleet (planning, the assignment roster), an instance reading the stored heartbeats of shards it takes "
          + "(100,000 single-row reads for a 100,000-node fleet)",
      intBetween(1, 100_000));

  public static final Setting<Integer> PREEMPT_CANDIDATES = Setting.of("SCHEDULER_PREEMPT_CANDIDATES", "64",
      "a RAPID_RESPONSE task no free node can start reads the work of at most this many busy nodes that may see its "
          + "target now (the most reliable), and preempts the best of them", intBetween(1, 100_000));

  /** Every scheduler setting (the launcher validates and documents them together). */
  public static final java.util.List<Setting<?>> ALL = java.util.List.of(HEARTBEAT_INTERVAL, MISSED_HEARTBEATS, TICK,
      MISSION_SWEEP, ASSIGN_LOOKAHEAD, PLANNING_HORIZON, REPLAN_INTERVAL, MAX_TASK_EXPOSURE, MAX_OPEN_TASKS_PER_MISSION, SUN_MAX_ALTITUDE,
      ASSIGN_BATCH, ASSIGN_CANDIDATES, COMPLETION_WEBHOOK_URL, WEBHOOK_RETRY_INITIAL, WEBHOOK_RETRY_MAX, WEBHOOK_TOKEN,
      PREEMPT_MIN_PRIORITY_GAP, FAILOVER, LIVENESS_RESCAN, ROSTER_REFRESH, PLANNING_NODES,
      NODE_READS_IN_FLIGHT, PREEMPT_CANDIDATES);

  private SchedulerSettings() {}

  static Function<String, Double> doubleBetween(double min, double max) {
    return s -> {
      double v;
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number");
      }
      if (!(v >= min && v <= max)) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return v;
    };
  }

  private static URI httpUri(String s) {
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected an http(s) URL");
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("expected an http(s) URL");
    }
    return uri;
  }
}
