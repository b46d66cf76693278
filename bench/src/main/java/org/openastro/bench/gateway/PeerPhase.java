package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openastro.bench.ProcStat;
import org.openastro.bench.gateway.MqttNodes.Credentials;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.gateway.GatewaySettings;

/**
 * The peer ({@code phases=peer}): what a team without the gateway would run. The same simulated nodes
 * ({@link LoadClients}, same load, same topics) publish to Mosquitto ({@link Mosquitto}), and a bridge in
 * a JVM of its own ({@link PeerBridge}) writes each heartbeat as the naive rows ({@link NaiveRows}).
 *
 * <p>The broker acknowledges a heartbeat when it has it in memory, before anything is written; the
 * gateway acknowledges after Cassandra has the row. So the peer's figure is the heartbeats the bridge
 * persisted (Cassandra acknowledged both rows) per second, and its cost is broker + bridge + Cassandra
 * CPU per persisted heartbeat, each read from /proc. The nodes' PUBACK latency is reported too, but it
 * measures less than the gateway's. The nodes are paced to the bridge ({@link BacklogPacer}).
 */
final class PeerPhase {
  /** What the phase found, for the ratios against the gateway. */
  record Figures(double persistedPerSecond, double cpuPerHeartbeat) {}

  private final BenchOptions opts;
  private final BenchReport report;
  private final Mosquitto broker;
  private final BridgeProcess bridge;
  private final CpuMeter cpu;
  private BacklogPacer pacer;
  private long brokerTicks;
  private long bridgeTicks;
  private BridgeProcess.Count countAtStart;
  private BridgeProcess.Count countAtEnd;
  private long heldAtStart;
  private long heldNanos;
  private double brokerSeconds;
  private double bridgeSeconds;

  private PeerPhase(BenchOptions opts, BenchReport report, Mosquitto broker, BridgeProcess bridge, CpuMeter cpu) {
    this.opts = opts;
    this.report = report;
    this.broker = broker;
    this.bridge = bridge;
    this.cpu = cpu;
  }

  static Figures run(BenchOptions opts, BenchReport report, List<InetSocketAddress> contact, String dc,
      CpuMeter cpu) throws Exception {
    Config gateway = Config.from(opts.gatewaySettings());
    try (CqlSession session = CqlSessions.open(Config.from(Map.of()), contact, dc, "bench_peer")) {
      NaiveRows.addLivenessColumn(session);
      int clients = opts.integer("peerClients");
      int inFlight = opts.integer("peerInFlight");
      try (Mosquitto broker = Mosquitto.start(opts.text("mosquitto"), Math.max(1, inFlight / clients),
          opts.integer("peerQueued"))) {
        say("peer: mosquitto (pid %d) on 127.0.0.1:%d: allow_anonymous true, per-node ACL, max_inflight_messages %d,"
            + " max_queued_messages %d", broker.pid(), broker.port(), Math.max(1, inFlight / clients),
            opts.integer("peerQueued"));
        try (BridgeProcess bridge = BridgeProcess.start(new BridgeProcess.Settings(broker.port(), contact.get(0), dc,
            "bench_peer", clients, inFlight, gateway.get(GatewaySettings.HEARTBEAT_HISTORY_TTL),
            gateway.get(GatewaySettings.NODE_MAX_PAYLOAD_BYTES), opts.integer("bridgeHeapMb")))) {
          say("peer: bridge JVM (pid %d): %d HiveMQ MQTT 5 clients on $share/%s/%s QoS 1, %d heartbeats written at"
              + " once at most, naive rows, acknowledged to the broker after Cassandra", bridge.pid(), bridge.clients,
              Mosquitto.BRIDGE_USER, BridgeIngest.HEARTBEAT_FILTER, bridge.inFlight);
          return new PeerPhase(opts, report, broker, bridge, cpu).measure(session);
        }
      }
    }
  }

  private Figures measure(CqlSession session) throws Exception {
    List<Credentials> nodes = Stream.generate(() -> new Credentials(UUID.randomUUID().toString(),
        UUID.randomUUID().toString())).limit(opts.integer("nodes")).toList();
    try (LoadClients clients = LoadClients.create(opts, nodes, "127.0.0.1", broker.port())) {
      LoadWindow.connect("peer", clients, nodes.size(), opts.integer("connectConcurrency"), report);
      LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);
      LoadWindow window;
      try {
        window = LoadWindow.run("peer", nodes, clients, opts, cpu, report, probe());
      } finally {
        if (pacer != null) {
          pacer.close();
        }
      }
      BridgeProcess.Count drained = drain(window.load.acks.get());
      Figures figures = reportWindow(window, drained);
      clients.disconnectAll();
      BridgeProcess.Count last = bridge.stop();
      report.result("peer bridge: written / failed / rejected (whole run)", "%,d / %,d / %,d%s", last.written(),
          last.failed(), last.rejected(), last.firstError() == null ? "" : " (first: " + last.firstError() + ")");
      List<String> log = broker.log();
      if (!log.isEmpty()) {
        say("peer: mosquitto logged %d lines, the first: %s", log.size(), log.get(0));
      }
      AckVerifier.verify("peer", session, nodes, window.load.acksPerNode, firstDay, LocalDate.now(ZoneOffset.UTC),
          report);
      return figures;
    }
  }

  /** Marks and reads the broker's and the bridge's CPU and what the bridge wrote, with the window's own marks. */
  private LoadWindow.Probe probe() {
    return new LoadWindow.Probe() {
      @Override
      public long[] jvms() {
        return new long[] {bridge.pid()};
      }

      @Override
      public void loadStarted(HeartbeatLoad load) {
        pacer = BacklogPacer.start(load, bridge, opts.integer("peerBacklog"));
      }

      @Override
      public void windowStarts() {
        brokerTicks = ProcStat.ticks(broker.pid());
        bridgeTicks = ProcStat.ticks(bridge.pid());
        countAtStart = count();
        heldAtStart = pacer.closedNanos();
      }

      @Override
      public void windowEnds() {
        brokerSeconds = (ProcStat.ticks(broker.pid()) - brokerTicks) / ProcStat.TICKS_PER_SECOND;
        bridgeSeconds = (ProcStat.ticks(bridge.pid()) - bridgeTicks) / ProcStat.TICKS_PER_SECOND;
        countAtEnd = count();
        heldNanos = pacer.closedNanos() - heldAtStart;
      }
    };
  }

  private BridgeProcess.Count count() {
    try {
      return bridge.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits until the bridge has settled every heartbeat the broker acknowledged, at most peerDrainSeconds. */
  private BridgeProcess.Count drain(long acked) throws Exception {
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(opts.integer("peerDrainSeconds"));
    BridgeProcess.Count c = bridge.count();
    while (c.settled() < acked && System.nanoTime() < deadline) {
      Thread.sleep(50); // polling for a condition: the bridge writes what the broker still queues
      c = bridge.count();
    }
    say("peer: after the load stopped, the bridge settled %,d of %,d acknowledged heartbeats in %.1f s%s", c.settled(),
        acked, (System.nanoTime() - t0) / 1e9, c.settled() < acked ? " (peerDrainSeconds ran out)" : "");
    return c;
  }

  private Figures reportWindow(LoadWindow w, BridgeProcess.Count drained) {
    long persisted = countAtEnd.written() - countAtStart.written();
    if (persisted == 0) {
      throw new IllegalStateException("the bridge persisted nothing in the measured window: " + countAtEnd);
    }
    double rate = persisted / w.seconds;
    double broker = brokerSeconds * 1e6 / persisted;
    double bridgeCpu = bridgeSeconds * 1e6 / persisted;
    double cassandra = w.cpuSeconds[1] * 1e6 / persisted;
    double nodes = w.cpuSeconds[0] * 1e6 / persisted;
    double total = broker + bridgeCpu + cassandra;
    String cassandraThreads = cpu.cassandraThreads(persisted);
    say("peer: %,d heartbeats persisted by the bridge in %.1f s = %,.0f heartbeats/s (the broker acknowledged %,.0f/s,"
            + " before the write); failed writes %d, rejected %d; nodes held back %.0f%% of the window, largest"
            + " backlog %,d; most heartbeats in flight in the bridge %d",
        persisted, w.seconds, rate, w.rate(), countAtEnd.failed() - countAtStart.failed(),
        countAtEnd.rejected() - countAtStart.rejected(), 100.0 * heldNanos / (w.seconds * 1e9),
        pacer.largestBacklog(), countAtEnd.mostInFlight());
    say("peer: CPU per persisted heartbeat %.0f us = broker %.0f + bridge %.0f + Cassandra %.0f (%.1f + %.1f + %.1f"
            + " CPU s); the nodes' clients (this JVM, not counted) %.0f us; Cassandra threads: %s", total, broker,
        bridgeCpu, cassandra, brokerSeconds, bridgeSeconds, w.cpuSeconds[1], nodes, cassandraThreads);
    if (pacer.failure() != null) {
      say("peer: pacing stopped early: %s", pacer.failure());
    }
    report.result("peer heartbeats persisted/s (rows written by the bridge, acknowledged by Cassandra)", "%,.0f",
        rate);
    report.result("peer acknowledgement", "%s", "by the broker, BEFORE the write (the gateway acknowledges after"
        + " Cassandra has the row): the peer's acked/s and ack latency measure the broker alone");
    report.result("peer CPU us per persisted heartbeat (total = broker + bridge + Cassandra)",
        "%.0f = %.0f + %.0f + %.0f", total, broker, bridgeCpu, cassandra);
    report.result("peer CPU us per persisted heartbeat in this JVM (the nodes' clients, not in the total)", "%.0f",
        nodes);
    report.result("peer Cassandra CPU us per heartbeat by thread kind", "%s", cassandraThreads);
    report.result("peer bridge", "%d HiveMQ clients, %d heartbeats in flight at most (most seen: %d)",
        bridge.clients, bridge.inFlight, countAtEnd.mostInFlight());
    report.result("peer nodes held back by the pacer (peerBacklog=" + opts.text("peerBacklog") + ")",
        "%.0f%% of the window, largest backlog %,d", 100.0 * heldNanos / (w.seconds * 1e9), pacer.largestBacklog());
    report.result("peer backlog settled after the load stopped", "%,d of %,d acknowledged", drained.settled(),
        w.load.acks.get());
    return new Figures(rate, total);
  }
}
