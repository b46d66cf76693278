package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerParts;
import org.openastro.scheduler.mission.MissionLifecycle;
import org.openastro.scheduler.mission.MissionProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each active mission's status true to its tasks and the clock: IN_PROGRESS, COMPLETE
 * (outstanding tasks cancelled, the completion trigger put in the outbox <i>before</i> the LWT
 * move, so a crash between the two still delivers it), EXPIRED (outstanding tasks cancelled and
 * their nodes told, <i>then</i> the move, so a crash in between repeats the cancellations), and
 * otherwise its completed exposure; then plans what no task covers.
 */
final class MissionKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(MissionKeeper.class);
  private static final int SWEEP_LIMIT = 10_000;

  private final SchedulerParts parts;
  private final MissionPlanning planning;
  private final CompletionDelivery delivery;
  private final Downlink downlink;

  MissionKeeper(SchedulerParts parts, MissionPlanning planning, CompletionDelivery delivery, Downlink downlink) {
    this.parts = parts;
    this.planning = planning;
    this.delivery = delivery;
    this.downlink = downlink;
  }

  Future<Void> sweep(Instant now) {
    parts.metrics().beginTaskTally();
    return Future.all(parts.missions().idsByStatus(MissionStatus.PENDING, SWEEP_LIMIT),
            parts.missions().idsByStatus(MissionStatus.IN_PROGRESS, SWEEP_LIMIT))
        .compose(both -> {
          List<UUID> ids = new ArrayList<>(both.<List<UUID>>resultAt(0));
          ids.addAll(both.<List<UUID>>resultAt(1));
          List<Future<Void>> all = new ArrayList<>();
          for (UUID id : ids) {
            all.add(evaluate(id, now).recover(t -> {
              LOG.warn("Mission {} could not be evaluated; next sweep retries", id, t);
              return Future.succeededFuture();
            }));
          }
          return Future.all(all).<Void>mapEmpty();
        }).onComplete(x -> parts.metrics().endTaskTally());
  }

  Future<Void> evaluate(UUID missionId, Instant now) {
    return parts.missions().find(missionId).compose(found -> {
      if (found.isEmpty() || MissionLifecycle.isFinal(found.get().status())) {
        found.ifPresent(m -> planning.forget(m.missionId()));
        return Future.succeededFuture();
      }
      Mission m = found.get();
      return parts.tasks().listByMission(missionId).compose(tasks -> {
        parts.metrics().tallyTasks(missionId, tasks.stream().map(TaskSummary::status).toList());
        MissionProgress progress = MissionProgress.of(tasks);
        boolean started = tasks.stream().anyMatch(t -> t.status() != TaskStatus.PENDING || t.assignedNodeId() != null);
        MissionStatus next = MissionLifecycle.next(m, progress, started, now);
        double completed = progress.completedS();
        return switch (next) {
          case COMPLETE -> cancelOpen(tasks, "MISSION_COMPLETE", now)
              .compose(x -> parts.outbox().add(missionId, completionPayload(m, completed, now).encode(), now))
              .compose(x -> parts.missionStates().move(m, MissionStatus.COMPLETE, completed))
              .compose(moved -> {
                if (moved) {
                  LOG.info("Mission {} COMPLETE: {} of {} s", missionId, completed, m.totalExposureRequiredS());
                }
                return delivery.deliverPending();
              });
          case EXPIRED -> cancelOpen(tasks, "MISSION_EXPIRED", now)
              .compose(x -> parts.missionStates().move(m, MissionStatus.EXPIRED, completed))
              .onSuccess(moved -> {
                if (moved) {
                  LOG.info("Mission {} EXPIRED with {} of {} s", missionId, completed, m.totalExposureRequiredS());
                }
              }).mapEmpty();
          default -> {
            Future<?> stored = next != m.status() ? parts.missionStates().move(m, next, completed)
                : completed != m.totalExposureCompletedS() ? parts.missionStates().recordProgress(m, completed)
                : Future.succeededFuture();
            yield stored.compose(x -> planning.maybePlan(m, progress, now));
          }
        };
      });
    });
  }

  private Future<Void> cancelOpen(List<TaskSummary> tasks, String reason, Instant now) {
    List<Future<Void>> all = new ArrayList<>();
    for (TaskSummary s : tasks) {
      if (MissionProgress.isOpen(s.status())) {
        all.add(parts.tasks().find(s.taskId()).compose(t -> t.isPresent() && MissionProgress.isOpen(t.get().status())
            ? cancel(t.get(), reason, now) : Future.succeededFuture()));
      }
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> cancel(Task task, String reason, Instant now) {
    return parts.transitions().cancel(task, reason, now).compose(cancelled -> {
      if (!cancelled || task.assignedNodeId() == null) {
        return Future.succeededFuture();
      }
      downlink.cancellation(task);
      return parts.nodes().release(task.assignedNodeId(), task.taskId()).mapEmpty();
    });
  }

  static JsonObject completionPayload(Mission m, double completedS, Instant now) {
    return new JsonObject()
        .put("mission_id", m.missionId().toString())
        .put("total_exposure_required_s", m.totalExposureRequiredS())
        .put("total_exposure_completed_s", completedS)
        .put("completed_at", now.toString());
  }
}
