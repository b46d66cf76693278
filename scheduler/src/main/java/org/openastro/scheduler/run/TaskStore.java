package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Created;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository.TaskSummary;

/** Task rows: read one, list a mission's, create one (idempotent on the task id). */
interface TaskStore {
  Future<Optional<Task>> find(UUID taskId);

  Future<List<TaskSummary>> listByMission(UUID missionId);

  Future<Created<Task>> create(Task task);
}
