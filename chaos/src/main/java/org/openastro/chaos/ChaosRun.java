package org.openastro.chaos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openastro.cassandra.local.LocalCassandraCluster;
import org.openastro.cassandra.local.LocalCassandraNode;
import org.openastro.cassandra.local.LocalNodeOptions;

/**
 * The chaos run of issue 15: a 3-node Cassandra cluster on 127.0.0.1-3 (RF 3, LOCAL_QUORUM), two
 * schedulers and two gateways clustered over Hazelcast, the node simulator spread over both
 * gateways as a load balancer would, a few probes of our own. Under load, in turn: a Cassandra
 * node is SIGKILLed (its launcher relaunches it on the same data); a gateway is SIGKILLed (its
 * nodes move to the other) and restarted; a scheduler is SIGKILLed (the other carries on) at the
 * moment the probes fall silent, and restarted. Then every mission must complete, and every report
 * the gateways acknowledged is looked up in Cassandra, row by row.
 */
final class ChaosRun {
  static final String KEYSPACE = "chaos";
  static final String ADMIN_KEY = "oak_chaos-run-admin-key-000000000000000000";
  private static final int PROBES = 5;
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
  private static final Duration PROCESS_READY_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration CASSANDRA_RELAUNCH_TIMEOUT = Duration.ofMinutes(5);
  /** The simulator registers and connects every node and creates the missions within this. */
  private static final Duration LOAD_START_TIMEOUT = Duration.ofMinutes(10);
  /** How long a gateway stays dead before it is restarted: long enough for all its nodes to move. */
  private static final Duration GATEWAY_DEAD_FOR = Duration.ofSeconds(15);
  /** The simulator is given this long after SIGTERM to stop its nodes and write its ledger. */
  private static final long SIMULATOR_STOP_SECONDS = 120;
  static final String SITES = "45,0;45.5,3;44.5,-3;46,1;44,-1";
  /** Two schedulers and two gateways. */
  private static final int MEMBERS = 4;

  private final ChaosOptions o;
  private final PrintStream out;
  private final long startMs = System.currentTimeMillis();

  ChaosRun(ChaosOptions options, PrintStream out) {
    this.o = options;
    this.out = out;
  }

  ChaosReport run() throws Exception {
    Path work = o.workDirectory().toAbsolutePath();
    deleteTree(work);
    Path logs = work.resolve("logs");
    Files.createDirectories(logs);
    List<ServerProcess> servers = new ArrayList<>();
    List<ChildJvm> simulator = new ArrayList<>();
    Thread reaper = new Thread(() -> killAll(servers, simulator), "chaos-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    say("starting a 3-node Cassandra cluster under %s", work.resolve("cassandra"));
    try (LocalCassandraCluster cluster = LocalCassandraCluster.start(LocalNodeOptions.defaults(work.resolve("cassandra"))
        .withFreePorts().withHeapMb(o.cassandraHeapMb()).withStartTimeout(Duration.ofMinutes(4)), 3)) {
      say("cluster up: %s", cluster.contactPoints());
      int[] hz = freePorts(4);
      Map<String, String> common = commonSettings(cluster, hz);
      ServerProcess s1 = new ServerProcess("scheduler-1", "scheduler", freePorts(1)[0], 0, hz[0], o.appJar(), common, logs);
      ServerProcess s2 = new ServerProcess("scheduler-2", "scheduler", freePorts(1)[0], 0, hz[1], o.appJar(), common, logs);
      ServerProcess g1 = new ServerProcess("gateway-1", "gateway", freePorts(1)[0], freePorts(1)[0], hz[2], o.appJar(),
          common, logs);
      ServerProcess g2 = new ServerProcess("gateway-2", "gateway", freePorts(1)[0], freePorts(1)[0], hz[3], o.appJar(),
          common, logs);
      servers.addAll(List.of(s1, s2, g1, g2));
      // The first one creates the keyspace and applies the schema; the others find it done.
      s1.start();
      awaitReady(s1, 1);
      for (ServerProcess s : List.of(s2, g1, g2)) {
        s.start();
      }
      for (ServerProcess s : servers) {
        awaitReady(s, MEMBERS);
      }
      say("2 schedulers and 2 gateways ready (logs in %s)", logs);

      try (CqlSession session = session(cluster);
          FleetWatch watch = new FleetWatch(session, KEYSPACE, Duration.ofSeconds(1));
          Probes probes = new Probes(liveGateway(g1, g2), PROBE_INTERVAL)) {
        probes.start(PROBES, ADMIN_KEY);
        Path ledger = work.resolve("ack-ledger.tsv");
        ChildJvm sim = simulator(List.of(g1, g2), ledger, logs);
        simulator.add(sim);
        sim.start();
        awaitLog(sim, "created \\d+ of \\d+ missions", LOAD_START_TIMEOUT);
        long loadStartMs = System.currentTimeMillis();
        say("load running: %s", lastLines(sim.log(), 3).replace('\n', ' '));
        Thread.sleep(o.settle().toMillis());

        List<KillTimes> kills = new ArrayList<>();
        kills.add(killCassandraNode(cluster.nodes().get(2)));
        Thread.sleep(o.settle().toMillis());
        kills.add(killGateway(g1));
        Thread.sleep(o.settle().toMillis());
        ProbeOutcome probeOutcome = new ProbeOutcome();
        kills.add(killScheduler(s1, probes, watch, probeOutcome));
        Thread.sleep(o.settle().toMillis());

        say("waiting for every mission to complete");
        try {
          awaitCondition("every mission COMPLETE", o.missionsTimeout(), Duration.ofSeconds(5),
              () -> missionsByStatus(session).keySet().stream().allMatch("COMPLETE"::equals));
        } catch (IllegalStateException timedOut) {
          say("%s; the report counts what completed", timedOut.getMessage()); // the goal then fails
        }
        say("stopping the simulator (SIGTERM: it writes its ledger)");
        sim.stop(SIMULATOR_STOP_SECONDS);
        return report(session, watch, AckLedgerFile.read(ledger), kills, probes.ids(), probeOutcome, loadStartMs);
      }
    } finally {
      killAll(servers, simulator);
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  private record KillTimes(String what, long atMs, long backAtMs) {}

  private static final class ProbeOutcome {
    final Map<UUID, Long> lastAckMs = new HashMap<>();
  }

  private KillTimes killCassandraNode(LocalCassandraNode node) throws Exception {
    long pid = node.pid();
    say("kill -9 Cassandra node %s (pid %d)", node.cqlAddress().getAddress().getHostAddress(), pid);
    long at = System.currentTimeMillis();
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    int before = node.relaunches();
    awaitCondition("the killed Cassandra node relaunched and answering CQL", CASSANDRA_RELAUNCH_TIMEOUT,
        Duration.ofMillis(200), () -> node.relaunches() > before);
    long back = System.currentTimeMillis();
    say("Cassandra node back as pid %d after %.1f s", node.pid(), (back - at) / 1000.0);
    return new KillTimes("cassandra " + node.cqlAddress().getAddress().getHostAddress(), at, back);
  }

  private KillTimes killGateway(ServerProcess victim) throws Exception {
    say("kill -9 %s", victim);
    long at = System.currentTimeMillis();
    victim.kill();
    Thread.sleep(GATEWAY_DEAD_FOR.toMillis());
    victim.start();
    awaitReady(victim, MEMBERS);
    long back = System.currentTimeMillis();
    say("%s restarted and ready %.1f s after the kill", victim.name, (back - at) / 1000.0);
    return new KillTimes(victim.name, at, back);
  }

  private KillTimes killScheduler(ServerProcess victim, Probes probes, FleetWatch watch, ProbeOutcome outcome)
      throws Exception {
    say("probes fall silent; kill -9 %s", victim);
    outcome.lastAckMs.putAll(probes.silence());
    long at = System.currentTimeMillis();
    victim.kill();
    Duration goal = detectionGoal();
    awaitCondition("every silenced probe FAULTED by the surviving scheduler", goal.plus(Duration.ofSeconds(60)),
        Duration.ofMillis(250), () -> probes.ids().stream().allMatch(id -> watch.firstFaultedSince(id, at) > 0));
    victim.start();
    awaitReady(victim, MEMBERS);
    long back = System.currentTimeMillis();
    say("%s restarted and ready %.1f s after the kill", victim.name, (back - at) / 1000.0);
    return new KillTimes(victim.name, at, back);
  }

  /** The fault window, one more interval for the tick that notices, and 5 s for a machine this busy. */
  static Duration detectionGoal() {
    return ChaosOptions.faultWindow().plus(ChaosOptions.SERVER_HEARTBEAT_INTERVAL).plusSeconds(5);
  }

  private ChaosReport report(CqlSession session, FleetWatch watch, AckLedgerFile ledger, List<KillTimes> kills,
      List<UUID> probeIds, ProbeOutcome probeOutcome, long loadStartMs) {
    Map<UUID, List<Long>> steadyNodes = new HashMap<>(ledger.heartbeatAckTimesByNode());
    steadyNodes.keySet().removeAll(ledger.faults().keySet());
    List<ChaosReport.Kill> killReports = kills.stream().map(k -> new ChaosReport.Kill(k.what(),
        (k.atMs() - loadStartMs) / 1000.0, (k.backAtMs() - k.atMs()) / 1000.0,
        AckGaps.longest(ledger.heartbeatAckTimes(), k.atMs(), k.backAtMs()),
        AckGaps.worst(steadyNodes.values(), k.atMs(), k.backAtMs()))).toList();

    StoredReports.Missing missing = StoredReports.check(session, KEYSPACE, ledger, Instant.ofEpochMilli(startMs),
        Instant.now());
    Set<UUID> simulated = ledger.faults().keySet();
    Map<UUID, List<Long>> faulted = watch.faulted();
    // A node FAULTED after a silence longer than the window was faulted by the rule (its move to
    // the other gateway took too long); only one heard within the window was faulted falsely.
    long windowMs = ChaosOptions.faultWindow().toMillis();
    List<String> falsely = new ArrayList<>();
    List<String> silentTooLong = new ArrayList<>();
    faulted.forEach((id, times) -> {
      if (simulated.contains(id) || probeIds.contains(id)) {
        return;
      }
      List<Long> acks = ledger.heartbeatAckTimesByNode().getOrDefault(id, List.of());
      for (long at : times) {
        long lastAck = acks.stream().filter(t -> t <= at).reduce((a, b) -> b).orElse(Long.MIN_VALUE);
        String line = String.format("%s at %.0f s, silent %.1f s", id, (at - loadStartMs) / 1000.0,
            lastAck == Long.MIN_VALUE ? Double.NaN : (at - lastAck) / 1000.0);
        (lastAck != Long.MIN_VALUE && at - lastAck < windowMs ? falsely : silentTooLong).add(line);
      }
    });
    falsely.sort(null);
    silentTooLong.sort(null);
    long simulatedSeen = simulated.stream().filter(faulted::containsKey).count();
    List<String> missed = ledger.faults().entrySet().stream().filter(f -> !faulted.containsKey(f.getKey()))
        .map(f -> String.format("%s away from %.0f s to %.0f s", f.getKey(), (f.getValue()[0] - loadStartMs) / 1000.0,
            (f.getValue()[1] - loadStartMs) / 1000.0))
        .sorted().toList();
    long scheduleKillAt = kills.get(kills.size() - 1).atMs();
    List<Long> delays = probeIds.stream().map(id -> {
      long seen = watch.firstFaultedSince(id, scheduleKillAt);
      Long last = probeOutcome.lastAckMs.get(id);
      return seen < 0 || last == null ? -1L : seen - last;
    }).toList();
    Map<String, Long> missions = missionsByStatus(session);
    long created = missions.values().stream().mapToLong(Long::longValue).sum();
    List<Long> acks = ledger.heartbeatAckTimes();
    long overall = acks.isEmpty() ? 0 : AckGaps.longest(acks, acks.get(0), acks.get(acks.size() - 1));
    List<String> examples = Stream.concat(missing.heartbeatExamples().stream(), missing.progressExamples().stream())
        .toList();
    return new ChaosReport(killReports, ledger.heartbeatCount(), missing.heartbeats(), ledger.progressByTask().size(),
        missing.progress(), examples, simulated.size(), simulatedSeen, missed, falsely, silentTooLong, created,
        missions.getOrDefault("COMPLETE", 0L), delays, detectionGoal().toMillis(), overall,
        (System.currentTimeMillis() - startMs) / 1000.0);
  }

  private static Map<String, Long> missionsByStatus(CqlSession session) {
    Map<String, Long> counts = new HashMap<>();
    for (Row row : session.execute("SELECT status FROM " + KEYSPACE + ".missions")) {
      counts.merge(row.getString(0), 1L, Long::sum);
    }
    return counts;
  }

  private Map<String, String> commonSettings(LocalCassandraCluster cluster, int[] hz) {
    Map<String, String> env = new HashMap<>();
    env.put("CASSANDRA_CONTACT_POINTS", cluster.contactPoints().stream()
        .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).collect(Collectors.joining(",")));
    env.put("CASSANDRA_LOCAL_DC", cluster.datacenter());
    env.put("CASSANDRA_KEYSPACE", KEYSPACE);
    env.put("CASSANDRA_REPLICATION", "NetworkTopologyStrategy:" + cluster.datacenter() + "=3");
    env.put("CLUSTER_ENABLED", "true");
    env.put("CLUSTER_HOST", "127.0.0.1");
    env.put("CLUSTER_MEMBERS", Stream.of(hz[0], hz[1], hz[2], hz[3]).map(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(",")));
    env.put("CLUSTER_FAILURE_TIMEOUT", "5s");
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("MQTT_HOST", "127.0.0.1");
    env.put("ADMIN_API_KEY", ADMIN_KEY);
    env.put("AUTH_BCRYPT_COST", "4");
    env.put("SCHEDULER_HEARTBEAT_INTERVAL", ChaosOptions.SERVER_HEARTBEAT_INTERVAL.toSeconds() + "s");
    env.put("SCHEDULER_MISSED_HEARTBEATS", Integer.toString(ChaosOptions.MISSED_HEARTBEATS));
    // Shorter than the fault window, so a killed scheduler's shards are taken before any of its
    // silent nodes is due: detection keeps its usual goal across the kill.
    env.put("SCHEDULER_FAILOVER", ChaosOptions.SCHEDULER_FAILOVER.toSeconds() + "s");
    // Simulated telescopes expose faster than the sky allows.
    env.put("PROGRESS_MAX_EXPOSURE_RATE", Long.toString(Math.round(Math.ceil(o.exposureSpeed() * 1.5))));
    return env;
  }

  private ChildJvm simulator(List<ServerProcess> gateways, Path ledger, Path logs) {
    List<String> args = List.of(
        "--gateways", gateways.stream().map(ServerProcess::simulatorAddress).collect(Collectors.joining(",")),
        "--nodes", Integer.toString(o.nodes()),
        "--missions", Integer.toString(o.missions()),
        "--mission-exposure", o.missionExposure().toHours() + "h",
        "--exposure-speed", Double.toString(o.exposureSpeed()),
        "--fault-share", Double.toString(o.faultShare()),
        "--fault-after", o.settle().toSeconds() + "s",
        "--fault-duration", o.faultDuration().toSeconds() + "s",
        "--heartbeat-interval", ChaosOptions.NODE_HEARTBEAT_INTERVAL.toSeconds() + "s",
        "--heartbeat-qos", "1",
        "--api-key", ADMIN_KEY,
        "--duration", "120m",
        "--run-full-duration",
        "--status-every", "10s",
        "--ack-ledger", ledger.toString(),
        // Five sites a few degrees apart share one sky, so the targets the simulator picks (up now)
        // are up for every node: missions finish on the run's clock, not on the Earth's rotation.
        "--sites", SITES);
    return new ChildJvm("simulator", o.simulatorJar(), List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError"), args,
        Map.of(), logs.resolve("simulator.log"));
  }

  /** Round robin over the gateways that are running, as the load balancer in front of them would. */
  private static java.util.function.Supplier<ServerProcess> liveGateway(ServerProcess... gateways) {
    AtomicLong next = new AtomicLong();
    return () -> {
      for (int i = 0; i < gateways.length; i++) {
        ServerProcess g = gateways[(int) (next.getAndIncrement() % gateways.length)];
        if (g.alive()) {
          return g;
        }
      }
      return gateways[0];
    };
  }

  private void awaitReady(ServerProcess s, int members) throws InterruptedException {
    awaitCondition(s.name + " ready (see " + s.log() + ")", PROCESS_READY_TIMEOUT, Duration.ofMillis(500), () -> {
      if (!s.alive()) {
        throw new IllegalStateException(s.name + " exited; see " + s.log());
      }
      return s.ready(members);
    });
  }

  private static void awaitLog(ChildJvm child, String regex, Duration timeout) throws InterruptedException {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
    awaitCondition("'" + regex + "' in " + child.log(), timeout, Duration.ofSeconds(1), () -> {
      if (!child.alive()) {
        throw new IllegalStateException(child.name() + " exited; see " + child.log());
      }
      return pattern.matcher(read(child.log())).find();
    });
  }

  static void awaitCondition(String what, Duration timeout, Duration poll, BooleanSupplier condition)
      throws InterruptedException {
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
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private static CqlSession session(LocalCassandraCluster cluster) {
    OptionsMap options = OptionsMap.driverDefaults();
    options.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20));
    options.put(TypedDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200));
    options.put(TypedDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1));
    return CqlSession.builder()
        .addContactPoints(cluster.contactPoints())
        .withLocalDatacenter(cluster.datacenter())
        .withConfigLoader(DriverConfigLoader.fromMap(options))
        .build();
  }

  private static void killAll(List<ServerProcess> servers, List<ChildJvm> others) {
    for (ChildJvm c : others) {
      try {
        c.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (ServerProcess s : servers) {
      try {
        s.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String lastLines(Path file, int n) {
    List<String> lines = read(file).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void say(String format, Object... args) {
    out.printf("[%6.1f s] %s%n", (System.currentTimeMillis() - startMs) / 1000.0, String.format(format, args));
  }
}
