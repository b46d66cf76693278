package org.openastro.scheduler.mission;

import java.time.Instant;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;

/**
 * A mission's next status from its progress and the clock.
 *
 * <p>COMPLETE when completed exposure reaches the requirement — checked first, so exposure that
 * arrived in time completes a mission even if the check runs after the deadline; EXPIRED when
 * TimeConstraintEnd has passed first; IN_PROGRESS once any task is under way or has delivered;
 * otherwise unchanged. COMPLETE and EXPIRED are final.
 */
public final class MissionLifecycle {
  private MissionLifecycle() {}

  public static MissionStatus next(Mission mission, MissionProgress progress, boolean anyTaskStarted,
      Instant now) {
    MissionStatus current = mission.status();
    if (isFinal(current)) {
      return current;
    }
    if (progress.reached(mission.totalExposureRequiredS())) {
      return MissionStatus.COMPLETE;
    }
    if (mission.timeConstraintEnd() != null && !now.isBefore(mission.timeConstraintEnd())) {
      return MissionStatus.EXPIRED;
    }
    if (current == MissionStatus.PENDING && (anyTaskStarted || progress.completedS() > 0)) {
      return MissionStatus.IN_PROGRESS;
    }
    return current;
  }

  public static boolean isFinal(MissionStatus status) {
    return status == MissionStatus.COMPLETE || status == MissionStatus.EXPIRED || status == MissionStatus.CANCELLED;
  }
}
