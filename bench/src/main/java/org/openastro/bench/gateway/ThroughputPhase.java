package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.loadAverage;
import static org.openastro.bench.gateway.BenchReport.ms;
import static org.openastro.bench.gateway.BenchReport.say;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openastro.bench.gateway.MqttNodes.ConnectResult;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * The gateway over MQTT: N registered nodes as HiveMQ MQTT 5 clients in this JVM publish QoS 1
 * heartbeats as fast as the PUBACKs allow; acked heartbeats per second, ack latency and CPU per
 * heartbeat over the measured window, then every ack checked against node_heartbeats.
 */
final class ThroughputPhase {
  private ThroughputPhase() {}

  /** Returns {heartbeats/s, CPU us per heartbeat}. */
  static double[] run(GatewayUnderTest gw, BenchOptions opts, CpuMeter cpu, BenchReport report) throws Exception {
    int n = opts.integer("nodes");
    int window = opts.integer("window");
    long t0 = System.nanoTime();
    List<Credentials> nodes = gw.register(n);
    say("gateway: registered %,d nodes over HTTP in %.1f s", n, (System.nanoTime() - t0) / 1e9);
    List<Mqtt5AsyncClient> clients = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      clients.add(MqttNodes.client(nodes.get(i), "127.0.0.1", gw.mqttPort(), i));
    }
    ConnectResult connected = MqttNodes.connectAll(clients, nodes, opts.integer("connectConcurrency"));
    say("gateway: %,d of %,d MQTT clients connected in %.1f s (%d failed%s)", connected.connected(), n,
        connected.millis() / 1e3, connected.failed(), connected.firstError() == null ? "" : ", " + connected.firstError());
    if (connected.failed() > 0) {
      throw new IllegalStateException("not every throughput client connected");
    }
    LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);

    HeartbeatLoad load = new HeartbeatLoad(clients, nodes);
    say("gateway: %,d nodes publishing QoS 1 heartbeats %s, window %d per client (%,d outstanding at most),"
        + " warm-up %d-%d s (until the JIT settles) + %d s", n, new String(HeartbeatLoad.HEARTBEAT,
        StandardCharsets.UTF_8), window, n * window, opts.integer("warmup"), opts.integer("warmupMax"),
        opts.integer("seconds"));
    for (int i = 0; i < n; i++) {
      for (int w = 0; w < window; w++) {
        load.publishNext(i);
      }
    }
    WarmUp warmUp = WarmUp.from(opts, cpu.cassandraPid());
    warmUp.await();
    String loadBefore = loadAverage();
    long acksBefore = load.acks.get();
    load.latency.reset();
    long measureStart = System.nanoTime();
    cpu.mark();
    Thread.sleep(TimeUnit.SECONDS.toMillis(opts.integer("seconds")));
    long acksAfter = load.acks.get();
    double[] cpuSeconds = cpu.seconds();
    double clientSeconds = cpu.clientSeconds();
    double[] jitSeconds = warmUp.compileSecondsSinceEnd();
    double secs = (System.nanoTime() - measureStart) / 1e9;
    Histogram latency = load.latency.getIntervalHistogram();
    String loadAfter = loadAverage();
    load.running = false;
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (load.outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
      Thread.sleep(20);
    }
    long measured = acksAfter - acksBefore;
    double rate = measured / secs;
    say("gateway: %,d heartbeats acknowledged in %.1f s = %,.0f heartbeats/s; ack latency p50 %.2f ms"
            + " p99 %.2f ms p99.9 %.2f ms max %.2f ms; failed publishes %d; still outstanding %d; load %s -> %s",
        measured, secs, rate, ms(latency, 50), ms(latency, 99), ms(latency, 99.9),
        latency.getMaxValue() / 1e3, load.failures.get(), load.outstanding.get(), loadBefore, loadAfter);
    report.result("gateway MQTT listener instances (event loops)", "%d", gw.mqtt.instances());
    report.result("gateway heartbeats persisted/s (acked)", "%,.0f", rate);
    report.result("gateway ack latency p50/p99/p99.9 ms", "%.2f / %.2f / %.2f", ms(latency, 50), ms(latency, 99),
        ms(latency, 99.9));
    report.result("gateway nodes x window", "%,d x %d", n, window);
    report.result("gateway connect time, cold credential cache (ms)", "%,d for %,d nodes", connected.millis(), n);
    report.result("gateway failed publishes", "%d (first: %s)", load.failures.get(), load.firstFailure);
    double gatewayCpu = report.cpuPerHeartbeat("gateway", cpuSeconds, measured, "gateway+clients JVM");
    say("gateway: of which MQTT client threads (HiveMQ Netty + RxJava): %.0f us per heartbeat (%.1f CPU s)",
        clientSeconds * 1e6 / measured, clientSeconds);
    report.result("gateway CPU us per heartbeat in MQTT client threads (part of the JVM figure)", "%.0f",
        clientSeconds * 1e6 / measured);
    report.result("load average during gateway run", "%s -> %s", loadBefore, loadAfter);
    report.warmUp("gateway", warmUp, jitSeconds, measured);
    var batches = gw.registry.find("openastro.ingest.heartbeat.batch.rows").summary();
    if (batches != null) {
      report.result("gateway heartbeat rows per Cassandra write (whole run)", "%.1f (%,d writes)", batches.mean(),
          batches.count());
    }

    MqttNodes.disconnectAll(clients);
    AckVerifier.verify(gw.session, nodes, load.acksPerNode, firstDay, LocalDate.now(ZoneOffset.UTC), report);
    return new double[] {rate, gatewayCpu};
  }
}
