package org.openastro.archive;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.Responses;
import org.openastro.archive.store.ContentStore;
import org.openastro.cql.Created;
import org.openastro.cql.artifact.Artifact;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.artifact.TaskFitsPaths;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.domain.ArtifactType;

/**
 * {@code POST /api/v1/artifacts}: registers a product (pipeline keys; admins too). 201 when
 * created, 200 when the same artifact was registered before (a retry), 409 when its id is taken
 * by other content. The mission must exist, and the task, when named, must be one of its tasks
 * (422 naming the field). A RAW_FITS artifact of a task is also recorded as one of the task's
 * FITS files, on replays too (that heals a crash between the two writes).
 */
final class Registration {
  private final ArtifactRepository artifacts;
  private final MissionRepository missions;
  private final TaskRepository tasks;
  private final TaskFitsPaths fitsPaths;
  private final ContentStore store;
  private final Clock clock;

  Registration(ArtifactRepository artifacts, MissionRepository missions, TaskRepository tasks,
      TaskFitsPaths fitsPaths, ContentStore store, Clock clock) {
    this.artifacts = artifacts;
    this.missions = missions;
    this.tasks = tasks;
    this.fitsPaths = fitsPaths;
    this.store = store;
    this.clock = clock;
  }

  void handle(RoutingContext ctx) {
    Artifact artifact;
    try {
      Caller caller = Caller.of(ctx).require(ApiRole.PIPELINE);
      artifact = ArtifactRequest.parse(Responses.bodyObject(ctx), caller.principal(), clock.instant(), store::keyOf);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    references(artifact)
        .compose(task -> artifacts.register(artifact).compose(created -> recordFitsPath(created, task)))
        .onSuccess(created -> {
          Artifact stored = created.value();
          ctx.response().putHeader("location", "/api/v1/artifacts/" + stored.artifactId());
          Responses.json(ctx, created.created() ? 201 : 200, ArtifactJson.of(stored));
        })
        .onFailure(ctx::fail);
  }

  /** Checks that the mission (and the task) exist; the task, or null when none is named. */
  private Future<Task> references(Artifact a) {
    return missions.find(a.missionId()).compose(mission -> {
      if (mission.isEmpty()) {
        return Future.failedFuture(unprocessable("unknown_mission", "mission " + a.missionId() + " does not exist",
            "mission_id"));
      }
      if (a.taskId() == null) {
        return Future.succeededFuture(null);
      }
      return tasks.find(a.taskId()).compose(task -> {
        if (task.isEmpty() || !task.get().missionId().equals(a.missionId())) {
          return Future.failedFuture(unprocessable("unknown_task", "task " + a.taskId()
              + " is not a task of mission " + a.missionId(), "task_id"));
        }
        return Future.succeededFuture(task.get());
      });
    });
  }

  private Future<Created<Artifact>> recordFitsPath(Created<Artifact> created, Task task) {
    Artifact a = created.value();
    if (task == null || a.artifactType() != ArtifactType.RAW_FITS) {
      return Future.succeededFuture(created);
    }
    return fitsPaths.record(task.taskId(), a.missionId(), task.assignedNodeId(), a.objectStoragePath(), a.createdAt())
        .map(created);
  }

  static ApiException unprocessable(String code, String message, String field) {
    return new ApiException(new ApiError(422, code, message, field));
  }
}
