package org.openastro.api.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.TaskStatus;

/** Missions and tasks as they appear on the wire (DESIGN.md "On the wire"): HTTP and downlink. */
public final class WireJson {
  private WireJson() {}

  public static JsonObject mission(Mission m) {
    return new JsonObject()
        .put("mission_id", m.missionId().toString())
        .put("target_ra", m.targetRa())
        .put("target_dec", m.targetDec())
        .put("science_case", m.scienceCase().name())
        .put("total_exposure_required_s", m.totalExposureRequiredS())
        .put("total_exposure_completed_s", m.totalExposureCompletedS())
        .put("priority", m.priority())
        .put("time_constraint_start", text(m.timeConstraintStart()))
        .put("time_constraint_end", text(m.timeConstraintEnd()))
        .put("status", m.status().name())
        .put("alert_source_id", m.alertSourceId())
        .put("min_altitude_deg", m.minAltitudeDeg())
        .put("night_only", m.nightOnly())
        .put("required_filters", new JsonArray(new ArrayList<>(new TreeSet<>(m.requiredFilters()))))
        .put("min_aperture_mm", m.minApertureMm())
        .put("min_fov_deg", m.minFovDeg())
        .put("created_at", text(m.createdAt()))
        // issue 13: null = off (sun_max_altitude_deg null = the scheduler's setting)
        .put("max_airmass", m.constraints().maxAirmass())
        .put("min_moon_separation_deg", m.constraints().minMoonSeparationDeg())
        .put("max_moon_illumination", m.constraints().maxMoonIllumination())
        .put("sun_max_altitude_deg", m.constraints().sunMaxAltitudeDeg())
        .put("max_hour_angle_h", m.constraints().maxHourAngleH())
        .put("observation_type", m.observationType().name())
        // null = continuous seconds; else tasks, remainders and credit are whole frames of this length
        .put("exposure_time_s", m.exposureTimeS())
        .put("frame_count", m.exposureTimeS() == null ? null
            : Math.round(m.totalExposureRequiredS() / m.exposureTimeS()))
        // issue 14: an alert mission's localization as its latest notice gives it (null on other missions)
        .put("error_radius_deg", m.alertLocalization().errorRadiusDeg())
        .put("alert_notice_at", text(m.alertLocalization().noticeAt()))
        .put("alert_relocated_at", text(m.alertLocalization().relocatedAt()))
        .put("alert_pointing_rank", m.alertLocalization().pointingRank())
        .put("alert_pointing_probability", m.alertLocalization().pointingProbability());
  }

  /** A task as on the wire: what the mission API answers and what nodes get on their downlink. */
  public static JsonObject task(Task t) {
    return taskLine(t.taskId(), t.missionId(), t.assignedNodeId(), t.exposureRequiredS(), t.exposureDeliveredS(),
        t.status())
        .put("window_start", text(t.windowStart()))
        .put("window_end", text(t.windowEnd()))
        .put("fits_object_storage_path", t.fitsObjectStoragePath())
        .put("remainder_of", text(t.remainderOf()));
  }

  /** A task line of a mission's list (the index holds no windows: those are in GET of the task). */
  public static JsonObject task(TaskSummary t) {
    return taskLine(t.taskId(), t.missionId(), t.assignedNodeId(), t.exposureRequiredS(), t.exposureDeliveredS(),
        t.status());
  }

  private static JsonObject taskLine(UUID taskId, UUID missionId, UUID assignedNodeId, double requiredS,
      double deliveredS, TaskStatus status) {
    return new JsonObject()
        .put("task_id", taskId.toString())
        .put("mission_id", missionId.toString())
        .put("assigned_node_id", text(assignedNodeId))
        .put("exposure_required_s", requiredS)
        .put("exposure_delivered_s", deliveredS)
        .put("status", status.name());
  }

  static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
