package org.openastro.api.wire;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;

/** Downlink messages in the shape of EventAddresses.NODE_DOWNLINK, built from stored tasks ({@link WireJson}). */
public final class DownlinkMessages {
  private DownlinkMessages() {}

  /**
   * An assignment with what the node needs to point and to judge the target: {@code "mission":
   * {"mission_id", "target_ra", "target_dec", "science_case", "min_altitude_deg"}} (J2000 degrees),
   * and for a mission observed in frames its {@code exposure_time_s} and the task's {@code frames}
   * (how many to take); without it when {@code mission} is null (a mission deleted under the task).
   */
  public static JsonObject assignment(UUID nodeId, Task task, Mission mission) {
    JsonObject message = message("assignment", nodeId, task);
    if (mission == null) {
      return message;
    }
    JsonObject target = targetJson(mission);
    if (mission.exposureTimeS() != null) {
      target.put("frames", Math.round(task.exposureRequiredS() / mission.exposureTimeS()));
    }
    return message.put("mission", target);
  }

  /** The part of a mission a node needs to observe it. */
  public static JsonObject targetJson(Mission m) {
    JsonObject target = new JsonObject()
        .put("mission_id", m.missionId().toString())
        .put("target_ra", m.targetRa())
        .put("target_dec", m.targetDec())
        .put("science_case", m.scienceCase().name())
        .put("min_altitude_deg", m.minAltitudeDeg());
    return m.exposureTimeS() == null ? target : target.put("exposure_time_s", m.exposureTimeS());
  }

  public static JsonObject cancellation(UUID nodeId, Task task) {
    return message("cancellation", nodeId, task);
  }

  /**
   * A cancellation saying why ({@code reason}: {@code preempted}, {@code mission_cancelled}, ...)
   * and, when preempted, by which task ({@code preempted_by}; null otherwise).
   */
  public static JsonObject cancellation(UUID nodeId, Task task, String reason, UUID preemptedBy) {
    JsonObject message = message("cancellation", nodeId, task).put("reason", reason);
    return preemptedBy == null ? message : message.put("preempted_by", preemptedBy.toString());
  }

  private static JsonObject message(String type, UUID nodeId, Task task) {
    return new JsonObject().put("type", type).put("node_id", nodeId.toString()).put("task", WireJson.task(task));
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

}
