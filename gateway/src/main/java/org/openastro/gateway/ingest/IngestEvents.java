package org.openastro.gateway.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.ingest.ProgressOutcome;
import org.openastro.domain.NodeStatus;
import org.openastro.events.EventAddresses;

/** The messages the gateway publishes, in the shapes {@link EventAddresses} documents. */
public final class IngestEvents {
  private IngestEvents() {}

  /** {@link EventAddresses#nodeHeartbeat(int)}: {@code {"heartbeats": [entry, ...]}}, in the order persisted. */
  static JsonObject heartbeats(List<HeartbeatEvents.Entry> batch) {
    JsonArray entries = new JsonArray(new java.util.ArrayList<>(batch.size()));
    for (HeartbeatEvents.Entry e : batch) {
      entries.add(heartbeat(e.nodeId(), e.receivedAt(), e.source(), e.status(), e.currentTaskId()));
    }
    return new JsonObject().put("heartbeats", entries);
  }

  /** One entry of {@link EventAddresses#nodeHeartbeat(int)}. */
  public static JsonObject heartbeat(UUID nodeId, Instant receivedAt, String source, NodeStatus reportedStatus,
      UUID currentTaskId) {
    return new JsonObject()
        .put("node_id", nodeId.toString())
        .put("received_at", IsoInstants.format(receivedAt))
        .put("source", source)
        .put("status", reportedStatus == null ? null : reportedStatus.name())
        .put("current_task_id", currentTaskId == null ? null : currentTaskId.toString());
  }

  /** {@link EventAddresses#NODE_PROGRESS}, with the task as stored after the report. */
  public static JsonObject progress(UUID nodeId, ProgressReport report, ProgressOutcome stored, Instant receivedAt) {
    return new JsonObject()
        .put("node_id", nodeId.toString())
        .put("task_id", report.taskId().toString())
        .put("mission_id", stored.missionId() == null ? null : stored.missionId().toString())
        .put("exposure_delivered_s", stored.exposureDeliveredS())
        .put("status", stored.status().name())
        .put("fits_object_storage_paths", new JsonArray(report.fitsPaths()))
        .put("received_at", receivedAt.toString())
        .put("observed_at", report.observedAt() == null ? null : report.observedAt().toString());
  }

  /** {@link EventAddresses#NODE_CONNECTION}. */
  public static JsonObject connection(UUID nodeId, boolean connected, String gatewayId, String sessionId, Instant at) {
    return new JsonObject()
        .put("node_id", nodeId.toString())
        .put("connected", connected)
        .put("gateway_id", gatewayId)
        .put("session_id", sessionId)
        .put("at", at.toString());
  }

  /** {@link EventAddresses#NODE_SECRET_ROTATED}. */
  public static JsonObject secretRotated(UUID nodeId, Instant at) {
    return new JsonObject().put("node_id", nodeId.toString()).put("rotated_at", at.toString());
  }
}
