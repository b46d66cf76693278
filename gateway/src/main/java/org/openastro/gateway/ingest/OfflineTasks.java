package org.openastro.gateway.ingest;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.cql.Created;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.TaskStatus;

/**
 * Work a node did while it could not reach us, for a mission it already knew: it mints the task id
 * itself (the seed's "a telescope in Australia can generate a valid TaskID without phoning home
 * first") and records the task here, then reports progress on it as on any task. The task is
 * EXECUTING, assigned to that node, its window opening when the node says it started; the
 * scheduler counts its exposure toward the mission and plans only what no open task covers.
 * Idempotent: the same id with the same content again answers the stored task.
 */
public final class OfflineTasks {
  /** A node's clock may run a little ahead of ours. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Set<MissionStatus> OPEN = EnumSet.of(MissionStatus.PENDING, MissionStatus.IN_PROGRESS);

  private final MissionRepository missions;
  private final TaskRepository tasks;
  private final Clock clock;

  public OfflineTasks(MissionRepository missions, TaskRepository tasks, Clock clock) {
    this.missions = missions;
    this.tasks = tasks;
    this.clock = clock;
  }

  /** What the node says it did: for which mission, how much it set out to take, since when. */
  public record Claim(UUID missionId, double exposureRequiredS, Instant startedAt) {}

  public Future<Created<Task>> record(UUID nodeId, UUID taskId, Claim claim) {
    return missions.find(claim.missionId()).compose(found -> {
      Mission mission = found.orElseThrow(() -> new ApiException(new ApiError(422, "unknown_mission",
          "no mission " + claim.missionId(), "mission_id")));
      if (!OPEN.contains(mission.status())) {
        throw new ApiException(new ApiError(409, "mission_closed", "mission " + mission.missionId() + " is "
            + mission.status() + ": it takes no more work", "mission_id"));
      }
      Task wanted = task(nodeId, taskId, claim, mission, clock.instant());
      // The id taken by other content is the API's 409 on every transport (MQTT tells it in its PUBACK).
      return tasks.create(wanted).recover(t -> Future.failedFuture(t instanceof IdConflictException c
          ? new ApiException(ApiError.conflict(c.field(), c.getMessage())) : t)).map(created -> {
        if (!nodeId.equals(created.value().assignedNodeId())) {
          throw new ApiException(ApiError.conflict("task_id", "task " + taskId + " belongs to another node"));
        }
        return created;
      });
    });
  }

  static Task task(UUID nodeId, UUID taskId, Claim claim, Mission mission, Instant now) {
    if (claim.startedAt().isAfter(now.plus(CLOCK_SKEW))) {
      throw ApiException.invalid("started_at", "started_at is in the future");
    }
    if (claim.startedAt().isBefore(mission.createdAt())) {
      throw ApiException.invalid("started_at", "started_at is before the mission was created ("
          + mission.createdAt() + ")");
    }
    if (claim.exposureRequiredS() > mission.totalExposureRequiredS()) {
      throw ApiException.invalid("exposure_required_s", "exposure_required_s is more than the mission's "
          + mission.totalExposureRequiredS() + " s");
    }
    // Times are the node's word or the mission's, so a replay of the same claim is the same task.
    return new Task(taskId, mission.missionId(), nodeId, claim.exposureRequiredS(), 0, TaskStatus.EXECUTING,
        claim.startedAt(), mission.timeConstraintEnd(), null, null, mission.priority(), claim.startedAt(),
        claim.startedAt());
  }
}
