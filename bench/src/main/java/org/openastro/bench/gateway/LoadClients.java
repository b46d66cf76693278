package org.openastro.bench.gateway;

import java.util.List;
import org.openastro.bench.gateway.MqttNodes.ConnectResult;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * The simulated telescope nodes of the throughput phase: one MQTT connection per node, each keeping
 * {@code window} QoS 1 heartbeats outstanding (the next goes out when a PUBACK comes back). They run
 * in the benchmark JVM, on the same two cores as the gateway and Cassandra, so what a client library
 * costs per publish is part of the gateway's figure; {@link #cpuNanos()} says how much.
 */
interface LoadClients extends AutoCloseable {
  /** {@code client=} option values. */
  static LoadClients create(BenchOptions opts, List<Credentials> nodes, String host, int port) {
    return switch (opts.text("client")) {
      case "vertx" -> new VertxMqttClients(nodes, host, port, opts.transport());
      case "hivemq" -> new HiveMqClients(nodes, host, port);
      default -> throw new IllegalArgumentException("client must be vertx or hivemq, got " + opts.text("client"));
    };
  }

  /** What the clients are, for the report. */
  String description();

  /** Connects every node, at most {@code concurrency} CONNECTs pending. */
  ConnectResult connectAll(int concurrency) throws InterruptedException;

  /** Every node starts publishing; results go to {@code load} until {@code load.running} is false. */
  void start(HeartbeatLoad load, int window);

  /** CPU time the client library's threads used so far. */
  long cpuNanos();

  /** Disconnects every node (MQTT DISCONNECT), waiting up to two minutes. */
  void disconnectAll();

  @Override
  void close();
}
