package org.openastro.bench.scheduler;

import static org.openastro.bench.scheduler.SchedulerScaleBenchmark.say;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
  static final String FLEET_ONLY = "fleet only";
  static final String MISSIONS_ACTIVE = "missions active";

  private final ScaleOptions o;
  private final int instances;
  private final Path appJar;
  private final Path phaseDir;
  private final PhaseResult result;
  private final Duration interval;
  private final int missed;

  ScalePhase(ScaleOptions options, int instances, Path appJar, Path workDir) {
    this.o = options;
    this.instances = instances;
    this.appJar = appJar;
    this.phaseDir = workDir.resolve("instances-" + instances);
    this.result = new PhaseResult(instances);
    this.interval = options.seconds("interval");
    this.missed = Config.from(schedulerOverrides()).get(SchedulerSettings.MISSED_HEARTBEATS);
  }

  /** The settings the instances get beyond the common ones: the heartbeat interval and every {@code sched.} option. */
  private Map<String, String> schedulerOverrides() {
    Map<String, String> settings = new HashMap<>(o.schedulerSettings());
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
          TimelineReport.add(result, TaskTimeline.read(session, InstanceLogs.read(group.logs())));
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
        new PlanningStep(o.integer("missions"), o.integer("missionExposure"), o.integer("seed"),
            o.seconds("planWait")).run(result, session, store, group, assignments);
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
    // Each instance counts the ONLINE nodes of its own shards; together they count the fleet.
    await("the instances reading all " + fleet.size() + " nodes ONLINE", Duration.ofMinutes(10), Duration.ofSeconds(2),
        () -> {
          failIfDead(group);
          return group.meters().stream().mapToDouble(m -> m.nodesIn("ONLINE")).sum() >= fleet.size() - failed;
        });
    result.line("fleet read by the instances", "%.1f s after registration", (System.nanoTime() - seen0) / 1e9);
  }

  /** The instance's own sweep and round timers, when it has them. */
  static String timers(InstanceMeter.Window w) {
    if (Double.isNaN(w.sweeps()) && Double.isNaN(w.rounds())) {
      return "n/a (the scheduler has no such timers; times from the task rows below)";
    }
    return String.format("%.0f sweeps, mean %.2f s, recent max %.2f s / %.0f rounds, mean %.2f s, recent max %.2f s",
        w.sweeps(), w.sweepMeanSeconds(), w.sweepMaxSeconds(), w.rounds(), w.roundMeanSeconds(), w.roundMaxSeconds());
  }

  static void failIfDead(SchedulerGroup group) {
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
