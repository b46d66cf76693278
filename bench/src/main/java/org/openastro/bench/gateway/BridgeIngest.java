package org.openastro.bench.gateway;

import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.gateway.ingest.HeartbeatReport;
import org.openastro.gateway.ingest.ReceiveClock;

/**
 * What the peer's bridge ({@link PeerBridge}) does with one MQTT message: the node from the
 * gateway's heartbeat topic ({@code openastro/v1/nodes/{node_id}/heartbeat}), the content from the
 * payload through the gateway's own parser ({@link HeartbeatReport#parse}), the receive time from the
 * gateway's {@link ReceiveClock} (unique per node, so no two heartbeats of a node share a history
 * row), then the naive rows ({@link NaiveRows}). Free of MQTT and of the driver: the bridge gives it
 * a topic and bytes, and it gives a {@link Rows} the row to write.
 */
final class BridgeIngest {
  static final String TOPIC_PREFIX = "openastro/v1/nodes/";
  static final String TOPIC_SUFFIX = "/heartbeat";
  /** Every node's heartbeat topic, as the bridge subscribes to it (inside a shared subscription). */
  static final String HEARTBEAT_FILTER = TOPIC_PREFIX + "+" + TOPIC_SUFFIX;

  /** Where decoded heartbeats go: {@link NaiveRows#write} in the bridge. */
  interface Rows {
    CompletableFuture<Void> write(HeartbeatRow row);
  }

  /** A message the bridge cannot store (not a heartbeat topic, or a payload the gateway would refuse). */
  static final class Undecodable extends RuntimeException {
    Undecodable(String message) {
      super(message, null, false, false);
    }
  }

  private final Rows rows;
  private final ReceiveClock clock;
  private final int maxPayloadBytes;

  /** {@code maxPayloadBytes}: larger payloads are refused, as the gateway's NODE_MAX_PAYLOAD_BYTES does. */
  BridgeIngest(Rows rows, ReceiveClock clock, int maxPayloadBytes) {
    this.rows = rows;
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /**
   * Decodes and writes one message; completes when Cassandra acknowledged its rows, or exceptionally
   * with {@link Undecodable} (nothing written) or the driver's error.
   */
  CompletableFuture<Void> accept(String topic, byte[] payload) {
    HeartbeatRow row;
    try {
      row = decode(topic, payload);
    } catch (Undecodable e) {
      return CompletableFuture.failedFuture(e);
    }
    return rows.write(row);
  }

  HeartbeatRow decode(String topic, byte[] payload) {
    UUID nodeId = nodeOf(topic);
    if (nodeId == null) {
      throw new Undecodable("not a heartbeat topic: " + topic);
    }
    HeartbeatReport report;
    try {
      report = HeartbeatReport.parse(Buffer.buffer(payload), maxPayloadBytes);
    } catch (RuntimeException e) { // the gateway's ReportException: invalid JSON, field, size
      throw new Undecodable("heartbeat of " + nodeId + " refused: " + e.getMessage());
    }
    return new HeartbeatRow(nodeId, clock.stamp(nodeId), "mqtt",
        report.status() == null ? null : report.status().name(), report.currentTaskId(), report.telemetry());
  }

  /**
   * The node of {@code openastro/v1/nodes/{node_id}/heartbeat}, else null. As the gateway reads it: the
   * id in its 36-character form, in either case.
   */
  static UUID nodeOf(String topic) {
    if (topic == null || !topic.startsWith(TOPIC_PREFIX) || !topic.endsWith(TOPIC_SUFFIX)) {
      return null;
    }
    String id = topic.substring(TOPIC_PREFIX.length(), topic.length() - TOPIC_SUFFIX.length());
    try {
      UUID nodeId = UUID.fromString(id);
      return nodeId.toString().equals(id.toLowerCase(Locale.ROOT)) ? nodeId : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
