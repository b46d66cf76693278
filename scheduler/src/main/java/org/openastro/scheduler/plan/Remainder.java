package org.openastro.scheduler.plan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.task.Task;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.mission.Frames;

/**
 * The hot-plug remainder of a task whose node faulted while executing it.
 *
 * <p>Its id is derived from the parent's id (a name-based UUID), never random: whichever
 * scheduler instance recovers the parent — the one that saw the fault, a second instance, or the
 * same one after a restart in the middle of recovery — creates the same row, and
 * {@code INSERT ... IF NOT EXISTS} keeps exactly one. A remainder of a remainder is derived from
 * its own parent, so a chain of faults gives a chain of distinct ids.
 */
public final class Remainder {
  /** Delivered exposure this close to the requirement counts as all of it (float sums). */
  static final double EPSILON_S = 1e-6;

  private Remainder() {}

  public static UUID idOf(UUID parentTaskId) {
    return UUID.nameUUIDFromBytes(("openastro:remainder:" + parentTaskId).getBytes(StandardCharsets.UTF_8));
  }

  /** Seconds still to observe: required − what counts of delivered (whole frames), never negative. */
  public static double exposureS(double requiredS, double deliveredS, Frames frames) {
    double rest = requiredS - frames.usable(deliveredS);
    return rest > EPSILON_S ? rest : 0;
  }

  /**
   * The new PENDING task carrying what {@code parent} (PARTIAL_COMPLETE, its delivered exposure
   * frozen) did not deliver; empty when it delivered everything. It keeps the parent's mission,
   * priority and window, and belongs to no node until assigned. In a mission observed in frames
   * it is whole frames: the frame the parent's node was in the middle of is observed again.
   */
  public static Optional<Task> of(Task parent, Frames frames, Instant now) {
    double rest = exposureS(parent.exposureRequiredS(), parent.exposureDeliveredS(), frames);
    if (rest == 0) {
      return Optional.empty();
    }
    return Optional.of(new Task(idOf(parent.taskId()), parent.missionId(), null, rest, 0,
        TaskStatus.PENDING, parent.windowStart(), parent.windowEnd(), null, parent.taskId(),
        parent.priority(), now, now));
  }
}
