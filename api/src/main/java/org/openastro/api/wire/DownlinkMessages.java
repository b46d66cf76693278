package org.openastro.api.wire;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;

/** Downlink messages in the shape of EventAddresses.NODE_DOWNLINK, built from stored tasks. */
public final class DownlinkMessages {
  private DownlinkMessages() {}

  /**
   * An assignment with what the node needs to point and to judge the target: {@code "mission":
   * {"mission_id", "target_ra", "target_dec", "science_case", "min_altitude_deg"}} (J2000 degrees);
   * without it when {@code mission} is null (a mission deleted under the task).
   */
  public static JsonObject assignment(UUID nodeId, Task task, Mission mission) {
    JsonObject message = message("assignment", nodeId, task);
    return mission == null ? message : message.put("mission", targetJson(mission));
  }

  /** The part of a mission a node needs to observe it. */
  public static JsonObject targetJson(Mission m) {
    return new JsonObject()
        .put("mission_id", m.missionId().toString())
        .put("target_ra", m.targetRa())
        .put("target_dec", m.targetDec())
        .put("science_case", m.scienceCase().name())
        .put("min_altitude_deg", m.minAltitudeDeg());
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
