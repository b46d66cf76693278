package org.openastro.scheduler.mission;

import java.util.Collection;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.TaskStatus;

/**
 * Exposure arithmetic over a mission's tasks.
 *
 * <p>Completed exposure counts every delivered second of every task, whatever its status:
 * a PARTIAL_COMPLETE task's 30 minutes of 60 count, as do the seconds a FAILED task delivered
 * before failing. Covered exposure adds what open tasks (PENDING, EXECUTING) still promise; what
 * is neither completed nor covered must be planned into new tasks. A mission observed in frames
 * counts whole frames only ({@link Frames}): a task's frame cut short is promised again.
 */
public record MissionProgress(double completedS, double promisedS, int openTasks) {

  public static MissionProgress of(Collection<TaskSummary> tasks, Frames frames) {
    double completed = 0;
    double promised = 0;
    int open = 0;
    for (TaskSummary t : tasks) {
      double delivered = frames.usable(t.exposureDeliveredS());
      completed += delivered;
      if (isOpen(t.status())) {
        open++;
        promised += Math.max(0, t.exposureRequiredS() - delivered);
      }
    }
    return new MissionProgress(completed, promised, open);
  }

  public static boolean isOpen(TaskStatus status) {
    return status == TaskStatus.PENDING || status == TaskStatus.EXECUTING;
  }

  public boolean reached(double requiredS) {
    return completedS >= requiredS - 1e-6;
  }

  /** Exposure no task delivered or promises: what planning must still cover. */
  public double uncoveredS(double requiredS) {
    double rest = requiredS - completedS - promisedS;
    return rest > 1e-6 ? rest : 0;
  }
}
