package org.openastro.bench.scheduler;

import static org.openastro.bench.scheduler.SchedulerScaleBenchmark.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openastro.bench.ProcStat;
import org.openastro.cassandra.local.LocalCassandraNode;
import org.openastro.cassandra.local.LocalNodeOptions;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.cql.Replication;
import org.openastro.cql.Store;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.schema.SchemaApplier;
import org.openastro.gateway.GatewaySettings;
import org.openastro.gateway.ingest.IngestSettings;
import org.openastro.scheduler.SchedulerSettings;

/**
 * One phase: {@code instances} schedulers over a fresh Cassandra node (a node that served the
 * previous phase would still be compacting its millions of heartbeat rows):
 * <ol>
 *   <li>fleet: the nodes are registered and heartbeat from the moment each is stored, until every
 *       instance has read all of them ONLINE; then {@code warmup} seconds;</li>
 *   <li>window "fleet only" ({@code fleetWindow} s): heartbeats and silenced nodes, no mission
 *       (fault detection alone);</li>
 *   <li>planning: the missions are stored at once; until tasks and assignments stop coming (at most
 *       {@code planWait}), each instance's CPU and requests;</li>
 *   <li>window "missions active" ({@code duration} s): the same with the missions planned;</li>
 *   <li>the task rows: how long the sweeps that planned and the rounds that assigned took.</li>
 * </ol>
 * An instance that dies ends the phase after the window it died in; what was measured is kept.
 */
final class ScalePhase {
  private final ScaleOptions o;
  private final int instances;
  private final Path appJar;
  private final Path phaseDir;
  private final PhaseResult result;
  private final Duration interval;
  private final int missed;
  static final String FLEET_ONLY = "fleet only";
  static final String MISSIONS_ACTIVE = "missions active";

  ScalePhase(ScaleOptions options, int instances, Path appJar, Path workDir) {
    this.o = options;
    this.instances = instances;
    this.appJar = appJar;
    this.phaseDir = workDir.resolve("instances-" + instances);
    this.result = new PhaseResult(instances);
    this.interval = options.seconds("interval");
    this.missed = schedulerConfig().get(SchedulerSettings.MISSED_HEARTBEATS);
  }

  /** What the schedulers run with (the defaults, the interval, and any {@code sched.} override). */
  private Config schedulerConfig() {
    return Config.from(schedulerOverrides());
  }

  /** The settings the instances get beyond the common ones: the heartbeat interval and every {@code sched.} option. */
  private Map<String, String> schedulerOverrides() {
    Map<String, String> settings = new java.util.HashMap<>(o.schedulerSettings());
    settings.putIfAbsent(SchedulerSettings.HEARTBEAT_INTERVAL.name(), interval.toSeconds() + "s");
    return settings;
  }

  PhaseResult run() throws Exception {
    say("phase: %d scheduler instance(s), %,d nodes every %d s, %,d missions", instances, o.integer("nodes"),
        interval.toSeconds(), o.integer("missions"));
    result.line("load average at start", "%s", ProcStat.loadAverage());
    try {
      runOnFreshNode();
    } finally {
      SchedulerScaleBenchmark.deleteTree(phaseDir.resolve("cassandra"));
    }
    result.line("load average at end", "%s", ProcStat.loadAverage());
    return result;
  }

  private void runOnFreshNode() throws Exception {
    try (LocalCassandraNode node = LocalCassandraNode.start(LocalNodeOptions.defaults(phaseDir.resolve("cassandra"))
        .withFreePorts().withHeapMb(o.integer("cassandraHeapMb"))
        .withStartTimeout(o.seconds("cassandraStartSeconds")))) {
      List<InetSocketAddress> contact = List.of(node.cqlAddress());
      try (CqlSession admin = CqlSessions.open(Config.from(Map.of()), contact, node.datacenter(), null)) {
        new SchemaApplier(admin, SchedulerGroup.KEYSPACE, Replication.parse("SimpleStrategy:1"),
            Duration.ofSeconds(120)).apply();
      }
      say("Cassandra node pid %d on %s, schema applied", node.pid(), node.cqlAddress());
      try (CqlSession session = CqlSessions.open(Config.from(Map.of()), contact, node.datacenter(),
          SchedulerGroup.KEYSPACE);
          SchedulerGroup group = new SchedulerGroup(instances, appJar, o.integer("schedulerHeapMb"),
              node.cqlAddress(), node.datacenter(), schedulerOverrides(), phaseDir.resolve("logs"))) {
        Vertx vertx = ClusterMember.join(group.benchClusterPort, group.clusterPorts());
        try {
          group.start();
          await("every scheduler ready in a cluster of " + (instances + 1), Duration.ofMinutes(4),
              Duration.ofMillis(500), group::ready);
          say("%d scheduler(s) ready, logs in %s", instances, phaseDir.resolve("logs"));
          measure(session, vertx, group, node.pid());
        } catch (Exception aborted) {
          // An instance died, or the Cassandra node did (another tenant's test run may kill every
          // Cassandra process on the machine): what was measured so far is still worth printing.
          say("phase aborted: %s", aborted);
          result.line("phase aborted", "%s", aborted);
        } finally {
          result.lines.put("instances that died", group.dead().isEmpty() ? "none" : String.join("; ", group.dead()));
          vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        try {
          reportTimeline(TaskTimeline.read(session, InstanceLogs.read(group.logs())));
        } catch (RuntimeException unreadable) {
          result.line("task rows", "not read: %s", unreadable);
        }
      }
    }
  }

  private void measure(CqlSession session, Vertx vertx, SchedulerGroup group, long cassandraPid) throws Exception {
    Store store = new Store(session);
    Config gateway = Config.from(Map.of());
    Fleet fleet = Fleet.generate(o.integer("nodes"), o.integer("seed"));
    HeartbeatHistoryWriter writer = new HeartbeatHistoryWriter(session,
        gateway.get(GatewaySettings.HEARTBEAT_HISTORY_TTL));
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try (HeartbeatLoad load = new HeartbeatLoad(fleet, writer, vertx, interval.toMillis(),
        gateway.get(IngestSettings.HEARTBEAT_BATCH_MAX_ROWS), o.integer("writeInFlight"), o.integer("eventIntervalMs"));
        FaultLedger faults = new FaultLedger(vertx, fleet, load);
        Assignments assignments = new Assignments(vertx)) {
      registerFleet(store, fleet, load, group);
      say("warm-up %d s", o.seconds("warmup").toSeconds());
      Thread.sleep(o.seconds("warmup").toMillis()); // a duration by design: JIT and caches settle under the load
      sampler.scheduleAtFixedRate(() -> group.meters().forEach(InstanceMeter::sampleHeap), 0,
          o.integer("scrapeSeconds"), TimeUnit.SECONDS);
      Set<Integer> silenced = new HashSet<>();
      try {
        window(FLEET_ONLY, o.seconds("fleetWindow")).run(result, store, group, load, faults, fleet, silenced,
            cassandraPid);
        failIfDead(group);
        plan(session, store, group, assignments);
        window(MISSIONS_ACTIVE, o.seconds("duration")).run(result, store, group, load, faults, fleet, silenced,
            cassandraPid);
        failIfDead(group);
      } finally {
        List<String> falseFaults = faults.falseFaults();
        result.line("false faults (FAULTED while heartbeating), whole phase", "%d%s", falseFaults.size(),
            falseFaults.isEmpty() ? "" : ", e.g. " + String.join("; ",
                falseFaults.subList(0, Math.min(3, falseFaults.size()))));
        result.line("recoveries (FAULTED -> ONLINE), whole phase", "%d", faults.recoveries());
        result.line("FAULTED events for a node already FAULTED (published again)", "%d", faults.repeats());
        result.line("assignments announced on the downlink, whole phase", "%,d", assignments.count());
      }
    } finally {
      sampler.shutdownNow();
    }
  }

  private SteadyWindow window(String name, Duration duration) {
    return new SteadyWindow(name, duration, o.integer("silenced"), interval, missed, o.integer("seed"));
  }

  private void registerFleet(Store store, Fleet fleet, HeartbeatLoad load, SchedulerGroup group) throws Exception {
    long t0 = System.nanoTime();
    int failed = fleet.register(store.nodes(), o.integer("registerInFlight"), load::admit);
    double seconds = (System.nanoTime() - t0) / 1e9;
    say("registered %,d nodes in %.1f s (%,d failed)", fleet.size() - failed, seconds, failed);
    result.line("nodes registered (one LWT + index row each)", "%,d in %.1f s, %d failed", fleet.size() - failed,
        seconds, failed);
    long seen0 = System.nanoTime();
    await("every instance reading all " + fleet.size() + " nodes ONLINE", Duration.ofMinutes(10), Duration.ofSeconds(2),
        () -> {
          failIfDead(group);
          return group.meters().stream().allMatch(m -> m.nodesIn("ONLINE") >= fleet.size() - failed);
        });
    result.line("fleet read by every instance", "%.1f s after registration", (System.nanoTime() - seen0) / 1e9);
  }

  private void plan(CqlSession session, Store store, SchedulerGroup group, Assignments assignments)
      throws Exception {
    int missions = o.integer("missions");
    group.meters().forEach(InstanceMeter::resetHeap);
    List<InstanceMeter.Snapshot> before = group.meters().stream().map(InstanceMeter::snapshot).toList();
    long t0 = System.nanoTime();
    Instant storedFrom = Instant.now();
    int failed = MissionLoad.create(store.missions(), missions, o.integer("missionExposure"), o.integer("seed"), 64);
    say("stored %,d missions in %.1f s (%d failed); waiting for planning and assignment (at most %d s)",
        missions - failed, (System.nanoTime() - t0) / 1e9, failed, o.seconds("planWait").toSeconds());
    result.line("missions stored", "%,d in %.1f s, %d failed", missions - failed, (System.nanoTime() - t0) / 1e9,
        failed);
    // Settled: tasks stored and assignments announced both unchanged for 30 s (some targets have no
    // window in the planning horizon, so "every mission planned" may never come).
    long[] last = {-1, -1};
    long[] stableSince = {System.nanoTime()};
    boolean settled = awaitQuietly(o.seconds("planWait"), Duration.ofSeconds(5), () -> {
      failIfDead(group);
      long[] now = {taskRows(session), assignments.count()};
      if (now[0] != last[0] || now[1] != last[1]) {
        last[0] = now[0];
        last[1] = now[1];
        stableSince[0] = System.nanoTime();
      }
      say("  %,d tasks stored, %,d assigned", now[0], now[1]);
      return now[1] > 0 && System.nanoTime() - stableSince[0] > TimeUnit.SECONDS.toNanos(30);
    });
    List<InstanceMeter.Snapshot> after = group.meters().stream().map(InstanceMeter::snapshot).toList();
    for (int i = 0; i < before.size(); i++) {
      result.planning.add(group.meters().get(i).between(before.get(i), after.get(i)));
    }
    result.line("planning window", "%.0f s from the first mission stored, %s", (System.nanoTime() - t0) / 1e9,
        settled ? "settled (no new task and no new assignment for 30 s)"
            : "NOT settled within planWait: the next window starts with planning still going");
    result.line("missions stored at", "%s", storedFrom);
    for (InstanceMeter.Window w : result.planning) {
      result.line(w.instance() + " planning window: CPU, Cassandra requests", "%.2f cores, %,.0f requests/s, "
          + "%,.0f tasks assigned", w.cpuCores(), w.requestsPerSecond(), w.assigned());
      result.line(w.instance() + " planning window: its own sweep / round timers: mean", "%s", timers(w));
    }
    for (InstanceMeter m : group.meters()) {
      result.line(m.child.name + " creation -> assignment p50 / p99 (its own timer)", "%.1f / %.1f s",
          m.assignmentLatencySeconds("0.5"), m.assignmentLatencySeconds("0.99"));
    }
  }

  private static long taskRows(CqlSession session) {
    long rows = 0;
    for (Row ignored : session.execute("SELECT task_id FROM tasks")) {
      rows++;
    }
    return rows;
  }

  /** The instance's own sweep and round timers, when it has them. */
  static String timers(InstanceMeter.Window w) {
    if (Double.isNaN(w.sweeps()) && Double.isNaN(w.rounds())) {
      return "n/a (the scheduler has no such timers; times from the task rows below)";
    }
    return String.format("%.0f sweeps, mean %.2f s, recent max %.2f s / %.0f rounds, mean %.2f s, recent max %.2f s",
        w.sweeps(), w.sweepMeanSeconds(), w.sweepMaxSeconds(), w.rounds(), w.roundMeanSeconds(), w.roundMaxSeconds());
  }

  private void reportTimeline(TaskTimeline timeline) {
    result.sweeps.addAll(timeline.sweeps());
    result.rounds.addAll(timeline.rounds());
    result.line("tasks stored / assigned (task rows)", "%,d / %,d, %,d missions planned", timeline.tasks(),
        timeline.assigned(), timeline.missionsPlanned());
    Map<String, List<TaskTimeline.Sweep>> sweepsBy = new java.util.TreeMap<>();
    result.sweeps.forEach(s -> sweepsBy.computeIfAbsent(s.instance(), k -> new ArrayList<>()).add(s));
    sweepsBy.forEach((instance, sweeps) -> result.line(instance + " planning sweeps (start -> last task stored)",
        "%s", describeSweeps(sweeps)));
    Map<String, List<TaskTimeline.Round>> roundsBy = new java.util.TreeMap<>();
    result.rounds.forEach(r -> roundsBy.computeIfAbsent(r.instance(), k -> new ArrayList<>()).add(r));
    roundsBy.forEach((instance, rounds) -> result.line(instance + " assignment rounds (start -> last assignment)",
        "%s", describeRounds(rounds)));
  }

  private static String describeSweeps(List<TaskTimeline.Sweep> sweeps) {
    TaskTimeline.Sweep largest = sweeps.stream().max(java.util.Comparator.comparingInt(TaskTimeline.Sweep::missions))
        .orElseThrow();
    StringBuilder all = new StringBuilder();
    for (TaskTimeline.Sweep s : sweeps.subList(0, Math.min(6, sweeps.size()))) {
      all.append(String.format(" %d missions %.1f s;", s.missions(), s.duration().toMillis() / 1000.0));
    }
    return String.format("%d sweeps; largest: %,d missions (%,d tasks) in %.1f s; first:%s", sweeps.size(),
        largest.missions(), largest.tasks(), largest.duration().toMillis() / 1000.0, all);
  }

  private static String describeRounds(List<TaskTimeline.Round> rounds) {
    StringBuilder all = new StringBuilder();
    for (TaskTimeline.Round r : rounds.subList(0, Math.min(6, rounds.size()))) {
      all.append(String.format(" %d of %d pending in %.1f s;", r.tasks(), r.pendingAtStart(),
          r.duration().toMillis() / 1000.0));
    }
    List<Long> ms = rounds.stream().map(r -> r.duration().toMillis()).toList();
    return String.format("%d rounds, p50 %.1f s, max %.1f s; first:%s", rounds.size(),
        PhaseResult.percentile(ms, 50) / 1000, PhaseResult.percentile(ms, 100) / 1000, all);
  }

  private static void failIfDead(SchedulerGroup group) {
    if (!group.dead().isEmpty()) {
      throw new IllegalStateException(String.join("; ", group.dead()));
    }
  }

  /** Polls {@code condition} until it holds; fails after {@code timeout}. */
  static void await(String what, Duration timeout, Duration poll, BooleanSupplier condition)
      throws InterruptedException {
    if (!awaitQuietly(timeout, poll, condition)) {
      throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }
  }

  /** Polls {@code condition} until it holds (true) or {@code timeout} passes (false); IllegalStateException escapes. */
  static boolean awaitQuietly(Duration timeout, Duration poll, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean met;
      try {
        met = condition.getAsBoolean();
      } catch (IllegalStateException fatal) {
        throw fatal;
      } catch (RuntimeException notYet) {
        met = false;
      }
      if (met) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(poll.toMillis());
    }
  }
}
