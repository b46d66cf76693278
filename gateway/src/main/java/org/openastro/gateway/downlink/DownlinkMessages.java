package org.openastro.gateway.downlink;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.task.Task;

/** Downlink messages in the shape of EventAddresses.NODE_DOWNLINK, built from stored tasks. */
public final class DownlinkMessages {
  private DownlinkMessages() {}

  public static JsonObject assignment(UUID nodeId, Task task) {
    return message("assignment", nodeId, task);
  }

  public static JsonObject cancellation(UUID nodeId, Task task) {
    return message("cancellation", nodeId, task);
  }

  private static JsonObject message(String type, UUID nodeId, Task task) {
    return new JsonObject().put("type", type).put("node_id", nodeId.toString()).put("task", taskJson(task));
  }

  /** A task as on the wire (DESIGN.md). */
  public static JsonObject taskJson(Task t) {
    return new JsonObject()
        .put("task_id", t.taskId().toString())
        .put("mission_id", t.missionId().toString())
        .put("assigned_node_id", t.assignedNodeId() == null ? null : t.assignedNodeId().toString())
        .put("exposure_required_s", t.exposureRequiredS())
        .put("exposure_delivered_s", t.exposureDeliveredS())
        .put("status", t.status().name())
        .put("window_start", text(t.windowStart()))
        .put("window_end", text(t.windowEnd()))
        .put("fits_object_storage_path", t.fitsObjectStoragePath())
        .put("remainder_of", t.remainderOf() == null ? null : t.remainderOf().toString());
  }

  /** The node a downlink event is for, or null when the event is malformed. */
  public static UUID nodeOf(Object body) {
    if (body instanceof JsonObject json && json.getValue("node_id") instanceof String s) {
      try {
        return UUID.fromString(s);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
