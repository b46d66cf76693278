package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.say;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.openastro.bench.gateway.MqttNodes.ConnectResult;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * The gateway over MQTT: N registered nodes as MQTT clients in this JVM ({@link LoadClients}) publish QoS 1
 * heartbeats as fast as the PUBACKs allow; acked heartbeats per second, ack latency and CPU per
 * heartbeat over the measured window, then every ack checked against node_heartbeats.
 */
final class ThroughputPhase {
  private ThroughputPhase() {}

  /**
   * Returns {heartbeats/s, CPU us per heartbeat, the same without the MQTT client threads}: the
   * simulated nodes run in the gateway's JVM here, and the last figure leaves their client threads out
   * to compare with a peer whose nodes are not counted either.
   */
  static double[] run(GatewayUnderTest gw, BenchOptions opts, CpuMeter cpu, BenchReport report) throws Exception {
    int n = opts.integer("nodes");
    long t0 = System.nanoTime();
    List<Credentials> nodes = gw.register(n);
    say("gateway: registered %,d nodes over HTTP in %.1f s", n, (System.nanoTime() - t0) / 1e9);
    try (LoadClients clients = LoadClients.create(opts, nodes, "127.0.0.1", gw.mqttPort())) {
      return measure(gw, opts, cpu, report, nodes, clients);
    }
  }

  private static double[] measure(GatewayUnderTest gw, BenchOptions opts, CpuMeter cpu, BenchReport report,
      List<Credentials> nodes, LoadClients clients) throws Exception {
    ConnectResult connected = LoadWindow.connect("gateway", clients, nodes.size(), opts.integer("connectConcurrency"),
        report);
    report.result("gateway connect time, cold credential cache (ms)", "%,d for %,d nodes", connected.millis(),
        nodes.size());
    report.result("gateway MQTT listener instances (event loops)", "%d", gw.mqtt.instances());
    LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);
    LoadWindow window = LoadWindow.run("gateway", nodes, clients, opts, cpu, report);
    double gatewayCpu = window.reportCpu(report, "gateway+clients JVM");
    double clientThreads = window.clientSeconds * 1e6 / window.acks;
    var batches = gw.registry.find("openastro.ingest.heartbeat.batch.rows").summary();
    if (batches != null) {
      report.result("gateway heartbeat rows per Cassandra write (whole run)", "%.1f (%,d writes)", batches.mean(),
          batches.count());
    }
    clients.disconnectAll();
    AckVerifier.verify("gateway", gw.session, nodes, window.load.acksPerNode, firstDay, LocalDate.now(ZoneOffset.UTC),
        report);
    return new double[] {window.rate(), gatewayCpu, gatewayCpu - clientThreads};
  }
}
