package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.plan.Remainder;

/**
 * A node that comes back after it was faulted reports the exposure it kept collecting, and its
 * PARTIAL_COMPLETE task is credited late (the gateway's progress rule). The remainder created for
 * that task then asks for too much: a remainder that has not started asks only for what is still
 * missing, and one with nothing left is cancelled (reason {@value #COVERED}). A remainder already
 * executing is left alone: the mission may complete early, and its surplus stays recorded.
 */
final class LateCredit {
  static final String COVERED = "covered_by_late_progress";
  /** Below this, nothing is left to observe (floating-point sums of seconds). */
  static final double NOTHING_LEFT_S = 0.5;

  private final TaskStore tasks;
  private final TaskMoves moves;
  private final MissionStore missions;
  private final Downlink downlink;

  LateCredit(TaskStore tasks, TaskMoves moves, MissionStore missions, Downlink downlink) {
    this.tasks = tasks;
    this.missions = missions;
    this.moves = moves;
    this.downlink = downlink;
  }

  Future<Void> onCredited(UUID partialTaskId, Instant now) {
    return tasks.find(partialTaskId).compose(found -> {
      if (found.isEmpty() || found.get().status() != TaskStatus.PARTIAL_COMPLETE) {
        return Future.succeededFuture();
      }
      Task partial = found.get();
      return missions.framesOf(partial.missionId()).compose(frames -> {
        double missing = Remainder.exposureS(partial.exposureRequiredS(), partial.exposureDeliveredS(), frames);
        return tasks.listByMission(partial.missionId()).compose(lines -> waitingRemainders(partialTaskId, lines))
            .compose(remainders -> {
              Future<Void> chain = Future.succeededFuture();
              for (Task remainder : remainders) {
                chain = chain.compose(x -> adjust(remainder, missing, now));
              }
              return chain;
            });
      });
    });
  }

  /** The parent's remainders that have not started (PENDING, assigned or not). */
  private Future<List<Task>> waitingRemainders(UUID parentId, List<TaskSummary> lines) {
    List<Future<Optional<Task>>> pending = lines.stream().filter(l -> l.status() == TaskStatus.PENDING)
        .map(l -> tasks.find(l.taskId())).toList();
    return Future.all(pending).map(all -> pending.stream().map(Future::result)
        .flatMap(Optional::stream)
        .filter(t -> parentId.equals(t.remainderOf()) && t.status() == TaskStatus.PENDING)
        .toList());
  }

  private Future<Void> adjust(Task remainder, double missing, Instant now) {
    if (missing < NOTHING_LEFT_S) {
      return moves.cancel(remainder, COVERED, now).map(cancelled -> {
        if (cancelled && remainder.assignedNodeId() != null) {
          downlink.cancellation(remainder);
        }
        return null;
      });
    }
    if (missing < remainder.exposureRequiredS()) {
      return moves.shrink(remainder, missing, now).mapEmpty();
    }
    return Future.succeededFuture();
  }
}
