package org.openastro.scheduler.plan;

import java.time.Instant;
import java.util.Comparator;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.scheduler.mission.Frames;

/** A PENDING task with its mission (target, needs, constraints), as the assigner sees it. */
public record PendingWork(Task task, Mission mission) {
  private static final Instant NO_DEADLINE = Instant.MAX;

  /**
   * The order work goes out in: observation class (RAPID_RESPONSE, TIME_CRITICAL, NORMAL), then
   * mission priority (high first), then deadline (earliest first:
   * the task's window end, else the mission's time constraint end, open-ended last), then age.
   */
  public static final Comparator<PendingWork> ORDER = Comparator
      .comparingInt((PendingWork w) -> w.mission().observationType().queuePriority(w.mission().priority()))
      .reversed()
      .thenComparing(PendingWork::deadline)
      .thenComparing(w -> w.task().createdAt(), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(w -> w.task().taskId());

  public Instant deadline() {
    if (task.windowEnd() != null) {
      return task.windowEnd();
    }
    return mission.timeConstraintEnd() != null ? mission.timeConstraintEnd() : NO_DEADLINE;
  }

  /** Exposure this task still needs. */
  public double neededS() {
    return Remainder.exposureS(task.exposureRequiredS(), task.exposureDeliveredS(), Frames.of(mission));
  }
}
