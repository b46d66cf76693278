package org.openastro.scheduler.intake;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.scheduling.MissionStates;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.MissionStatus;
import org.openastro.scheduler.mission.MissionProgress;

/**
 * Cancels a mission ({@code POST /api/v1/missions/{id}/cancel}): the mission moves to CANCELLED
 * (LWT on the status read), then each open task is closed as CANCELLED with the reason
 * {@value #REASON} (LWT on status, exposure and node read, so the delivered seconds stay exactly as
 * stored), its node told over the downlink and its claim released. The move comes first, so no
 * scheduler assigns or plans the mission's work after it (the assigner closes a queued task of a
 * cancelled mission it meets); cancelling a CANCELLED mission again finishes what a crash left.
 */
public final class MissionCancel {
  public static final String REASON = "mission_cancelled";
  private static final int MAX_ATTEMPTS = 4;

  private final MissionRepository missions;
  private final MissionStates states;
  private final TaskRepository tasks;
  private final TaskCancellation cancellation;

  public MissionCancel(Store store, EventBus bus) {
    this.missions = store.missions();
    this.states = store.missionStates();
    this.tasks = store.tasks();
    this.cancellation = new TaskCancellation(store, bus);
  }

  /** The outcome: the mission as stored after the call, and whether it could be cancelled. */
  public record Outcome(Mission mission, boolean cancelled) {}

  /**
   * Cancels {@code m} (read just before); an already CANCELLED mission has its open tasks closed
   * again. A COMPLETE or EXPIRED mission stays as it is ({@code cancelled} false).
   */
  public Future<Outcome> cancel(Mission m, Instant now) {
    return cancel(m, REASON, now);
  }

  /**
   * Cancels {@code m} as {@link #cancel(Mission, Instant)} does, recording and telling the nodes
   * {@code reason} (an alert's retraction gives its own).
   */
  public Future<Outcome> cancel(Mission m, String reason, Instant now) {
    return cancel(m, reason, now, 1);
  }

  private Future<Outcome> cancel(Mission m, String reason, Instant now, int attempt) {
    if (m.status() == MissionStatus.COMPLETE || m.status() == MissionStatus.EXPIRED) {
      return Future.succeededFuture(new Outcome(m, false));
    }
    Future<Boolean> moved = m.status() == MissionStatus.CANCELLED ? Future.succeededFuture(true)
        : states.move(m, MissionStatus.CANCELLED, m.totalExposureCompletedS());
    return moved.compose(ok -> {
      if (!ok) {
        // Another writer moved it (PENDING -> IN_PROGRESS, or closed it): decide again on fresh data.
        return attempt >= MAX_ATTEMPTS ? Future.failedFuture(new IllegalStateException("mission " + m.missionId()
                + " kept changing while being cancelled"))
            : reread(m.missionId()).compose(fresh -> cancel(fresh, reason, now, attempt + 1));
      }
      return tasks.listByMission(m.missionId())
          .compose(listed -> closeOpen(listed, reason, now))
          .compose(x -> reread(m.missionId()))
          .map(fresh -> new Outcome(fresh, true));
    });
  }

  private Future<Mission> reread(UUID missionId) {
    return missions.find(missionId).map(found -> found.orElseThrow(
        () -> new IllegalStateException("mission " + missionId + " vanished")));
  }

  private Future<Void> closeOpen(List<TaskSummary> listed, String reason, Instant now) {
    List<Future<Void>> all = new ArrayList<>();
    for (TaskSummary s : listed) {
      if (MissionProgress.isOpen(s.status())) {
        all.add(closeTask(s.taskId(), reason, now, 1));
      }
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> closeTask(UUID taskId, String reason, Instant now, int attempt) {
    return tasks.find(taskId).compose(found -> {
      if (found.isEmpty() || !MissionProgress.isOpen(found.get().status())) {
        return Future.succeededFuture();
      }
      return cancellation.cancel(found.get(), reason, now).compose(closed -> closed ? Future.<Void>succeededFuture()
          : attempt >= MAX_ATTEMPTS ? Future.failedFuture(new IllegalStateException("task " + taskId
              + " kept changing while being cancelled")) : closeTask(taskId, reason, now, attempt + 1));
    });
  }
}
