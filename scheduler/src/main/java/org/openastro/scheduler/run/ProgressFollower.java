package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.reliability.Outcome;

/**
 * Follows persisted progress reports (EventAddresses.NODE_PROGRESS; the gateway applied them to
 * the task). A closing report (SUCCESS, FAILED) counts the outcome for the node's reliability
 * once, frees the node's claim and re-evaluates the mission at once (completion should not wait
 * for the next sweep); an EXECUTING report only re-evaluates the mission; exposure credited late
 * to a PARTIAL_COMPLETE task shrinks its remainder ({@link LateCredit}).
 */
final class ProgressFollower {
  private final TaskStore tasks;
  private final Claims claims;
  private final Reliability reliability;
  private final MissionKeeper keeper;
  private final LateCredit lateCredit;

  ProgressFollower(TaskStore tasks, Claims claims, Reliability reliability, MissionKeeper keeper,
      LateCredit lateCredit) {
    this.tasks = tasks;
    this.claims = claims;
    this.reliability = reliability;
    this.keeper = keeper;
    this.lateCredit = lateCredit;
  }

  Future<Void> onProgress(JsonObject event, Instant now) {
    UUID nodeId = UUID.fromString(event.getString("node_id"));
    UUID taskId = UUID.fromString(event.getString("task_id"));
    TaskStatus reported = TaskStatus.valueOf(event.getString("status"));
    if (reported == TaskStatus.PARTIAL_COMPLETE) {
      // exposure credited late to a task taken from its node: its remainder asks for less
      return lateCredit.onCredited(taskId, now)
          .compose(x -> missionOf(event, taskId)).compose(m -> keeper.evaluate(m, now));
    }
    if (reported != TaskStatus.SUCCESS && reported != TaskStatus.FAILED) {
      // EXECUTING, or a final report credited on a task the scheduler cancelled: no outcome to count.
      return missionOf(event, taskId).compose(m -> keeper.evaluate(m, now));
    }
    return tasks.find(taskId).compose(found -> {
      if (found.isEmpty() || !nodeId.equals(found.get().assignedNodeId()) || found.get().status() != reported) {
        return Future.succeededFuture(); // refused or overtaken by recovery: nothing to count
      }
      var task = found.get();
      Outcome outcome = reported == TaskStatus.SUCCESS ? Outcome.SUCCESS : Outcome.FAILED;
      return reliability.count(nodeId, taskId, outcome, task.exposureDeliveredS(), now)
          .compose(x -> claims.release(nodeId, taskId))
          .compose(x -> keeper.evaluate(task.missionId(), now));
    });
  }

  private Future<UUID> missionOf(JsonObject event, UUID taskId) {
    String mission = event.getString("mission_id");
    if (mission != null) {
      return Future.succeededFuture(UUID.fromString(mission));
    }
    return tasks.find(taskId).compose(t -> t.isPresent() ? Future.succeededFuture(t.get().missionId())
        : Future.failedFuture("unknown task " + taskId));
  }
}
