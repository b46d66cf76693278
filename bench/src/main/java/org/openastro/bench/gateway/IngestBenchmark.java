package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.loadAverage;
import static org.openastro.bench.gateway.BenchReport.ms;
import static org.openastro.bench.gateway.BenchReport.say;

import ch.qos.logback.classic.Level;
import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openastro.cassandra.local.LocalCassandraNode;
import org.openastro.cassandra.local.CommitLogSync;
import org.openastro.cassandra.local.LocalNodeOptions;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.cql.Replication;
import org.openastro.cql.schema.SchemaApplier;
import org.openastro.gateway.GatewaySettings;
import org.openastro.gateway.ingest.IngestSettings;
import org.slf4j.LoggerFactory;

/**
 * The gateway ingest benchmark, in one run on one machine (see docs/BENCHMARKS.md). Each phase
 * that writes gets a fresh local Cassandra node with the schema applied to its keyspace:
 * <ol>
 *   <li>baseline: {@link DriverWriter#naive}, the raw driver writing history row + node-state upsert
 *       per heartbeat;</li>
 *   <li>design: {@link DriverWriter#gatewayDesign}, the raw driver writing what the gateway writes
 *       (the storage design's ratio, without MQTT);</li>
 *   <li>floor: {@link FloorPhase}, the same MQTT clients against an acknowledge-only server (what
 *       MQTT over loopback alone costs here);</li>
 *   <li>gateway: {@link ThroughputPhase}, the real gateway in this JVM, N registered nodes over MQTT
 *       (clients in this JVM too, {@link LoadClients}), QoS 1 heartbeats as fast as the PUBACKs allow,
 *       then a check that every acknowledged heartbeat is in node_heartbeats;</li>
 *   <li>connections: {@link ConnectionsPhase}, 10,000 authenticated MQTT connections held by a child
 *       JVM; gateway heap per connected node;</li>
 *   <li>peer (only when asked for): {@link PeerPhase}, the same nodes and load against Mosquitto with a
 *       bridge JVM writing the naive rows; heartbeats persisted per second and CPU per persisted
 *       heartbeat (broker + bridge + Cassandra), and the ratios to the gateway of the same run.</li>
 * </ol>
 *
 * <pre>
 * java -Xmx4g -cp bench/target/benchmarks.jar org.openastro.bench.gateway.IngestBenchmark [key=value ...]
 *   nodes=2000 commitlog=group|periodic window=1 client=vertx transport=auto warmup=30 warmupMax=300 jitSettled=0.03 seconds=30
 *   baselineInFlight=256 connections=10000 connectConcurrency=32 bcryptCost=4 cassandraHeapMb=2048
 *   cassandraStartSeconds=300 clientHeapMb=2048 phases=baseline,design,floor,gateway,connections profile=
 *   mosquitto=/usr/sbin/mosquitto peerClients=2 peerInFlight=256 peerQueued=1000000 peerBacklog=2000
 *   peerDrainSeconds=120 bridgeHeapMb=1024   (phases=...,peer)
 *   gw.SETTING=value (any gateway setting, e.g. gw.MQTT_INSTANCES=1)
 * </pre>
 */
public final class IngestBenchmark {
  private final BenchOptions opts;
  private final BenchReport report = new BenchReport();
  private double baselineRate = Double.NaN;
  private double baselineCpu = Double.NaN;
  private double floorCpu = Double.NaN;
  /** The gateway phase's {acked heartbeats/s, CPU us per heartbeat without its MQTT client threads}. */
  private double[] gatewayFigures;

  private IngestBenchmark(BenchOptions opts) {
    this.opts = opts;
  }

  public static void main(String[] args) throws Exception {
    quietLogging();
    Locale.setDefault(Locale.ROOT);
    new IngestBenchmark(new BenchOptions(args)).run();
    System.exit(0);
  }

  /** WARN unless -Dbench.log=INFO (the driver and Cassandra launcher are chatty at DEBUG, logback's default). */
  static void quietLogging() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.toLevel(System.getProperty("bench.log", "WARN")));
    }
  }

  private void run() throws Exception {
    Runtime rt = Runtime.getRuntime();
    say("IngestBenchmark %s", opts.asMap());
    say("machine: %d cores, max heap %d MB, %s %s, load average at start %s", rt.availableProcessors(),
        rt.maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"), loadAverage());
    report.result("started", "%s", Instant.now());
    report.result("load average at start (1/5/15 min)", "%s", loadAverage());
    Path temp = Files.createTempDirectory("openastro-bench-");
    try {
      // A fresh node per phase: the baseline's memtable flushes and compactions (millions of rows)
      // would otherwise run on into the gateway's measured window and be charged to it.
      if (opts.phase("baseline")) {
        withNode(temp.resolve("cassandra-baseline"), "bench_baseline", this::baseline);
      }
      if (opts.phase("design")) {
        withNode(temp.resolve("cassandra-design"), "bench_design", this::design);
      }
      if (opts.phase("floor")) {
        double[] floor = FloorPhase.run(opts, report);
        floorCpu = floor[1];
        if (!Double.isNaN(baselineRate)) {
          report.result("ratio floor/baseline (heartbeats/s): the most any MQTT gateway could reach here", "%.2f",
              floor[0] / baselineRate);
        }
      }
      if (opts.phase("gateway") || opts.phase("connections")) {
        withNode(temp.resolve("cassandra-gateway"), "bench_gateway", this::gateway);
      }
      if (opts.phase("peer")) {
        withNode(temp.resolve("cassandra-peer"), "bench_peer", this::peer);
      }
    } finally {
      deleteTree(temp);
    }
    report.printSummary(opts.asMap());
  }

  private CommitLogSync commitLogSync() {
    return switch (opts.text("commitlog")) {
      case "group" -> CommitLogSync.DEFAULT;
      case "periodic" -> CommitLogSync.periodic(CommitLogSync.DEFAULT_PERIOD);
      default -> throw new IllegalArgumentException("commitlog must be group or periodic");
    };
  }

  private interface PhaseOnNode {
    void run(List<InetSocketAddress> contact, String datacenter, CpuMeter cpu) throws Exception;
  }

  /** Starts a Cassandra node, applies the schema to {@code keyspace}, runs the phase, stops the node. */
  private void withNode(Path directory, String keyspace, PhaseOnNode phase) throws Exception {
    long t0 = System.nanoTime();
    try (LocalCassandraNode node = LocalCassandraNode.start(LocalNodeOptions.defaults(directory)
        .withFreePorts().withHeapMb(opts.integer("cassandraHeapMb")).withCommitLogSync(commitLogSync())
        .withStartTimeout(Duration.ofSeconds(opts.integer("cassandraStartSeconds"))))) {
      say("Cassandra node (pid %d) for %s answers CQL on %s after %.1f s", node.pid(), keyspace, node.cqlAddress(),
          (System.nanoTime() - t0) / 1e9);
      List<InetSocketAddress> contact = List.of(node.cqlAddress());
      try (CqlSession admin = CqlSessions.open(Config.from(Map.of()), contact, node.datacenter(), null)) {
        new SchemaApplier(admin, keyspace, Replication.parse("SimpleStrategy:1"), Duration.ofSeconds(120)).apply();
      }
      say("schema applied to keyspace %s (RF 1)", keyspace);
      phase.run(contact, node.datacenter(), new CpuMeter(node.pid()));
    }
  }

  private void baseline(List<InetSocketAddress> contact, String dc, CpuMeter cpu) throws Exception {
    Config gateway = Config.from(opts.gatewaySettings());
    double[] r = driverPhase("baseline", contact, dc, cpu, session -> DriverWriter.naive(session, gateway),
        opts.integer("baselineInFlight"),
        "naive writer (history row + node-state upsert per heartbeat, 2 statements)");
    baselineRate = r[0];
    baselineCpu = r[1];
  }

  private void design(List<InetSocketAddress> contact, String dc, CpuMeter cpu) throws Exception {
    Config gateway = Config.from(opts.gatewaySettings());
    int rows = gateway.get(IngestSettings.HEARTBEAT_BATCH_MAX_ROWS);
    int inFlight = gateway.get(GatewaySettings.INGEST_MAX_IN_FLIGHT);
    double[] r = driverPhase("design", contact, dc, cpu, session -> DriverWriter.gatewayDesign(session, gateway), inFlight,
        "the gateway's write design without MQTT (history row only, " + rows + " rows per unlogged batch)");
    if (!Double.isNaN(baselineRate)) {
      report.result("ratio design/baseline (heartbeats/s): the write design alone, no MQTT", "%.2f",
          r[0] / baselineRate);
      report.result("ratio baseline/design (CPU per heartbeat)", "%.2f", baselineCpu / r[1]);
    }
  }

  /** Runs a {@link DriverWriter} phase on keyspace bench_{phase}; returns {heartbeats/s, CPU us per heartbeat}. */
  private double[] driverPhase(String phase, List<InetSocketAddress> contact, String dc, CpuMeter cpu,
      Function<CqlSession, DriverWriter> writer, int inFlight, String what) throws Exception {
    int n = opts.integer("nodes");
    List<UUID> nodes = Stream.generate(UUID::randomUUID).limit(n).toList();
    try (CqlSession session = CqlSessions.open(Config.from(Map.of()), contact, dc, "bench_" + phase)) {
      say("%s: %s, %d nodes, %d heartbeats in flight, warm-up %d-%d s (until the JIT settles) + %d s", phase, what,
          n, inFlight, opts.integer("warmup"), opts.integer("warmupMax"),
          opts.integer("seconds"));
      String loadBefore = loadAverage();
      WarmUp warmUp = WarmUp.from(opts, cpu.cassandraPid());
      DriverWriter.Result r = writer.apply(session).run(nodes, inFlight, opts, warmUp, cpu);
      double[] jitSeconds = warmUp.compileSecondsSinceEnd();
      say("%s: %,d heartbeats in %.1f s = %,.0f heartbeats/s, errors %d, latency p50 %.2f ms p99 %.2f ms"
              + " p99.9 %.2f ms, load %s -> %s", phase, r.heartbeats(), r.seconds(), r.perSecond(), r.errors(),
          ms(r.latencyMicros(), 50), ms(r.latencyMicros(), 99), ms(r.latencyMicros(), 99.9), loadBefore, loadAverage());
      report.result(phase + " writer", "%s", what);
      report.result(phase + " heartbeats/s", "%,.0f", r.perSecond());
      report.result(phase + " in flight (heartbeats)", "%d", r.inFlight());
      report.result(phase + " latency p50/p99/p99.9 ms", "%.2f / %.2f / %.2f", ms(r.latencyMicros(), 50),
          ms(r.latencyMicros(), 99), ms(r.latencyMicros(), 99.9));
      report.result(phase + " errors", "%d", r.errors());
      report.warmUp(phase, warmUp, jitSeconds, r.heartbeats());
      double cpuPerHeartbeat = report.cpuPerHeartbeat(phase, r.cpuSeconds(), r.heartbeats(), "writer JVM");
      String cassandraThreads = cpu.cassandraThreads(r.heartbeats());
      say("%s: Cassandra threads, us per heartbeat: %s", phase, cassandraThreads);
      report.result(phase + " Cassandra CPU us per heartbeat by thread kind", "%s", cassandraThreads);
      return new double[] {r.perSecond(), cpuPerHeartbeat};
    }
  }

  private void gateway(List<InetSocketAddress> contact, String dc, CpuMeter cpu) throws Exception {
    try (GatewayUnderTest gw = new GatewayUnderTest(contact, dc, opts.text("bcryptCost"), opts.gatewaySettings())) {
      say("gateway in this JVM: HTTP 127.0.0.1:%d, MQTT 127.0.0.1:%d on %d event loop(s), settings %s", gw.httpPort(),
          gw.mqttPort(), gw.mqtt.instances(), gw.settings);
      if (opts.phase("gateway")) {
        double[] rateAndCpu = ThroughputPhase.run(gw, opts, cpu, report);
        gatewayFigures = new double[] {rateAndCpu[0], rateAndCpu[2]};
        if (!Double.isNaN(baselineRate)) {
          report.result("ratio gateway/baseline (heartbeats/s)", "%.2f", rateAndCpu[0] / baselineRate);
          report.result("ratio baseline/gateway (CPU per heartbeat)", "%.2f", baselineCpu / rateAndCpu[1]);
          say("gateway/baseline = %.2f (throughput), baseline/gateway CPU per heartbeat = %.2f",
              rateAndCpu[0] / baselineRate, baselineCpu / rateAndCpu[1]);
        }
        if (!Double.isNaN(floorCpu)) {
          report.result("gateway CPU us per heartbeat above the MQTT floor (its own work + Cassandra)", "%.0f",
              rateAndCpu[1] - floorCpu);
        }
      }
      if (opts.phase("connections")) {
        ConnectionsPhase.run(gw, opts, report);
      }
    }
  }

  private void peer(List<InetSocketAddress> contact, String dc, CpuMeter cpu) throws Exception {
    PeerPhase.Figures peer = PeerPhase.run(opts, report, contact, dc, cpu);
    if (gatewayFigures == null) {
      return;
    }
    // Like for like: the nodes' clients run in the benchmark JVM in both phases; the gateway's figure
    // leaves their threads out, as the peer's total (broker + bridge + Cassandra) does.
    double rateRatio = gatewayFigures[0] / peer.persistedPerSecond();
    double cpuRatio = gatewayFigures[1] / peer.cpuPerHeartbeat();
    say("gateway/peer: %.2f (gateway acked heartbeats/s / peer persisted heartbeats/s, goal >= 1.0); CPU per"
        + " heartbeat gateway/peer: %.2f (%.0f / %.0f us, goal <= 1.0). The broker acknowledges before the write,"
        + " the gateway after it.", rateRatio, cpuRatio, gatewayFigures[1], peer.cpuPerHeartbeat());
    report.result("gateway CPU us per heartbeat without the MQTT client threads (gateway JVM + Cassandra)", "%.0f",
        gatewayFigures[1]);
    report.result("ratio gateway acked/s / peer persisted/s (goal >= 1.0)", "%.2f", rateRatio);
    report.result("ratio gateway / peer CPU per heartbeat (goal <= 1.0)", "%.2f", cpuRatio);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }
}
