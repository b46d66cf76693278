package org.openastro.bench.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * What the simulated nodes publish and what came back: PUBACKs per node (for the check against
 * node_heartbeats), ack latency, failures and publishes still outstanding. Thread-safe: the
 * {@link LoadClients} report here from their own threads.
 */
final class HeartbeatLoad {
  static final byte[] HEARTBEAT = "{\"status\": \"ONLINE\"}".getBytes(StandardCharsets.UTF_8);

  final Recorder latency = new Recorder(3);
  final AtomicLong acks = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicInteger outstanding = new AtomicInteger();
  final AtomicIntegerArray acksPerNode;
  final String[] topics;
  /** Open unless a phase paces the nodes ({@link BacklogPacer}). */
  final PublishGate gate = new PublishGate();
  volatile boolean running = true;
  volatile String firstFailure;

  HeartbeatLoad(List<Credentials> nodes) {
    this.topics = nodes.stream().map(c -> "openastro/v1/nodes/" + c.nodeId() + "/heartbeat").toArray(String[]::new);
    this.acksPerNode = new AtomicIntegerArray(nodes.size());
  }

  /**
   * A publish is about to go out (counted as outstanding); false, and not counted, once the load is
   * stopping, or while the {@link #gate} is closed: then {@code resume} runs when it opens.
   */
  boolean sending(Runnable resume) {
    if (!running || !gate.passOrPark(resume)) {
      return false;
    }
    outstanding.incrementAndGet();
    return true;
  }

  /** Node {@code i}'s publish sent at {@code sentNanos} was acknowledged with success. */
  void acked(int i, long sentNanos) {
    latency.recordValue(Math.max(1, (System.nanoTime() - sentNanos) / 1000));
    acks.incrementAndGet();
    acksPerNode.incrementAndGet(i);
    outstanding.decrementAndGet();
  }

  /** A publish failed or was refused; that node stops publishing. */
  void failed(String why) {
    failures.incrementAndGet();
    if (firstFailure == null) {
      firstFailure = why;
    }
    outstanding.decrementAndGet();
  }
}
