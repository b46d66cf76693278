package org.openastro.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;

class DownlinkMessagesTest {
  static final UUID NODE = UUID.randomUUID();
  static final Instant START = Instant.parse("2025-03-01T20:00:00Z");

  static Task task(UUID assigned, Instant windowStart, Instant windowEnd, String path) {
    return new Task(UUID.randomUUID(), UUID.randomUUID(), assigned, 3600, 1200.5, TaskStatus.EXECUTING,
        windowStart, windowEnd, path, null, 50, START, START);
  }

  @Test
  void assignmentHasTheEventShapeAndTheWireTask() {
    Task t = task(NODE, START, START.plusSeconds(7200), "s3://bucket/t.fits");
    JsonObject message = DownlinkMessages.assignment(NODE, t, null);
    assertThat(message.fieldNames()).containsExactlyInAnyOrder("type", "node_id", "task");
    assertThat(message.getString("type")).isEqualTo("assignment");
    assertThat(message.getString("node_id")).isEqualTo(NODE.toString());
    JsonObject task = message.getJsonObject("task");
    assertThat(task.fieldNames()).isEqualTo(Set.of("task_id", "mission_id", "assigned_node_id", "exposure_required_s",
        "exposure_delivered_s", "status", "window_start", "window_end", "fits_object_storage_path", "remainder_of"));
    assertThat(task.getString("remainder_of")).isNull();
    assertThat(task.getString("task_id")).isEqualTo(t.taskId().toString());
    assertThat(task.getString("mission_id")).isEqualTo(t.missionId().toString());
    assertThat(task.getString("assigned_node_id")).isEqualTo(NODE.toString());
    assertThat(task.getDouble("exposure_required_s")).isEqualTo(3600.0);
    assertThat(task.getDouble("exposure_delivered_s")).isEqualTo(1200.5);
    assertThat(task.getString("status")).isEqualTo("EXECUTING");
    assertThat(task.getString("window_start")).isEqualTo("2025-03-01T20:00:00Z");
    assertThat(task.getString("window_end")).isEqualTo("2025-03-01T22:00:00Z");
    assertThat(task.getString("fits_object_storage_path")).isEqualTo("s3://bucket/t.fits");
    UUID parent = UUID.randomUUID();
    Task remainder = new Task(UUID.randomUUID(), t.missionId(), NODE, 600, 0, TaskStatus.PENDING, START, null, null,
        parent, 50, START, START);
    assertThat(DownlinkMessages.cancellation(NODE, remainder).getString("type")).isEqualTo("cancellation");
    assertThat(DownlinkMessages.cancellation(NODE, remainder).getJsonObject("task").getString("remainder_of"))
        .isEqualTo(parent.toString());
    // it survives the event bus / MQTT encoding as is
    assertThat(new JsonObject(message.encode())).isEqualTo(message);
  }

  @Test
  void assignmentWithItsMissionCarriesTheTarget() {
    Task t = task(NODE, START, START.plusSeconds(7200), null);
    Mission m = new Mission(t.missionId(), 83.8221, -5.3911, ScienceCase.TTV, 7200, 0, 50, null, null,
        MissionStatus.IN_PROGRESS, null, 35.5, true, Set.of("V"), null, null, "alice", START);
    JsonObject message = DownlinkMessages.assignment(NODE, t, m);
    assertThat(message.fieldNames()).containsExactlyInAnyOrder("type", "node_id", "task", "mission");
    JsonObject target = message.getJsonObject("mission");
    assertThat(target.fieldNames()).containsExactlyInAnyOrder("mission_id", "target_ra", "target_dec",
        "science_case", "min_altitude_deg");
    assertThat(target.getString("mission_id")).isEqualTo(t.missionId().toString());
    assertThat(target.getDouble("target_ra")).isEqualTo(83.8221);
    assertThat(target.getDouble("target_dec")).isEqualTo(-5.3911);
    assertThat(target.getString("science_case")).isEqualTo("TTV");
    assertThat(target.getDouble("min_altitude_deg")).isEqualTo(35.5);
    assertThat(message.getJsonObject("task")).isEqualTo(WireJson.task(t));
    assertThat(DownlinkMessages.assignment(NODE, t, null).containsKey("mission")).isFalse();
  }

  @Test
  void aMissionInFramesTellsTheNodeTheFrameAndHowManyToTake() {
    Task t = task(NODE, START, START.plusSeconds(7200), null);
    Mission m = new Mission(t.missionId(), 83.8221, -5.3911, ScienceCase.DEEP_STACK, 7200, 0, 50, null, null,
        MissionStatus.IN_PROGRESS, null, 30, true, Set.of(), null, null, "alice", START).withExposureTimeS(300.0);
    JsonObject target = DownlinkMessages.assignment(NODE, t, m).getJsonObject("mission");
    assertThat(target.getDouble("exposure_time_s")).isEqualTo(300.0);
    assertThat(target.getLong("frames")).as("3600 s of 300 s frames").isEqualTo(12L);
    assertThat(WireJson.mission(m).getLong("frame_count")).isEqualTo(24L);
  }

  @Test
  void absentValuesAreExplicitNulls() {
    JsonObject task = WireJson.task(task(null, null, null, null));
    assertThat(task.containsKey("assigned_node_id")).isTrue();
    assertThat(task.getValue("assigned_node_id")).isNull();
    assertThat(task.getValue("window_start")).isNull();
    assertThat(task.getValue("window_end")).isNull();
    assertThat(task.getValue("fits_object_storage_path")).isNull();
  }

  @Test
  void nodeOfReadsOnlyWellFormedEvents() {
    assertThat(DownlinkMessages.nodeOf(new JsonObject().put("node_id", NODE.toString()))).isEqualTo(NODE);
    assertThat(DownlinkMessages.nodeOf(new JsonObject())).isNull();
    assertThat(DownlinkMessages.nodeOf(new JsonObject().put("node_id", "garbage"))).isNull();
    assertThat(DownlinkMessages.nodeOf(new JsonObject().put("node_id", 7))).isNull();
    assertThat(DownlinkMessages.nodeOf(new JsonArray().add(NODE.toString()))).isNull();
    assertThat(DownlinkMessages.nodeOf(NODE.toString())).isNull();
    assertThat(DownlinkMessages.nodeOf(null)).isNull();
  }
}
