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
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.mission.Frames;
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

  private final MissionStore missions;
  private final MissionMoves missionMoves;
  private final TaskStore tasks;
  private final TaskMoves moves;
  private final Claims claims;
  private final Outbox outbox;
  private final SchedulerMetrics metrics;
  private final Planning planning;
  private final PendingDeliveries delivery;
  private final Downlink downlink;
  private final SingleFlight<UUID, Instant> evaluations = new SingleFlight<>(this::evaluateOnce);

  MissionKeeper(MissionStore missions, MissionMoves missionMoves, TaskStore tasks, TaskMoves moves, Claims claims,
      Outbox outbox, SchedulerMetrics metrics, Planning planning, PendingDeliveries delivery, Downlink downlink) {
    this.missions = missions;
    this.missionMoves = missionMoves;
    this.tasks = tasks;
    this.moves = moves;
    this.claims = claims;
    this.outbox = outbox;
    this.metrics = metrics;
    this.planning = planning;
    this.delivery = delivery;
    this.downlink = downlink;
  }

  Future<Void> sweep(Instant now) {
    metrics.beginTaskTally();
    return Future.all(missions.idsByStatus(MissionStatus.PENDING, SWEEP_LIMIT),
            missions.idsByStatus(MissionStatus.IN_PROGRESS, SWEEP_LIMIT))
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
        }).onComplete(x -> metrics.endTaskTally());
  }

  /** Evaluates the mission and plans it without waiting for the re-plan interval (its work changed). */
  Future<Void> replanNow(UUID missionId, Instant now) {
    planning.forget(missionId);
    return evaluate(missionId, now);
  }

  /**
   * Evaluates the mission: progress, status, completion, planning. One evaluation per mission at
   * a time in this scheduler ({@link SingleFlight}): reports arriving meanwhile fold into one more.
   */
  Future<Void> evaluate(UUID missionId, Instant now) {
    return evaluations.submit(missionId, now);
  }

  private Future<Void> evaluateOnce(UUID missionId, Instant now) {
    return missions.find(missionId).compose(found -> {
      if (found.isEmpty() || MissionLifecycle.isFinal(found.get().status())) {
        found.ifPresent(m -> planning.forget(m.missionId()));
        return Future.succeededFuture();
      }
      Mission m = found.get();
      return tasks.listByMission(missionId).compose(listed -> {
        metrics.tallyTasks(missionId, listed.stream().map(TaskSummary::status).toList());
        MissionProgress progress = MissionProgress.of(listed, Frames.of(m));
        boolean started = listed.stream().anyMatch(t -> t.status() != TaskStatus.PENDING || t.assignedNodeId() != null);
        MissionStatus next = MissionLifecycle.next(m, progress, started, now);
        double completed = progress.completedS();
        return switch (next) {
          case COMPLETE -> cancelOpen(listed, "MISSION_COMPLETE", now)
              .compose(x -> outbox.add(missionId, completionPayload(m, completed, now).encode(), now))
              .compose(x -> missionMoves.move(m, MissionStatus.COMPLETE, completed))
              .compose(moved -> {
                if (moved) {
                  LOG.info("Mission {} COMPLETE: {} of {} s", missionId, completed, m.totalExposureRequiredS());
                }
                return delivery.deliverPending();
              });
          case EXPIRED -> cancelOpen(listed, "MISSION_EXPIRED", now)
              .compose(x -> missionMoves.move(m, MissionStatus.EXPIRED, completed))
              .onSuccess(moved -> {
                if (moved) {
                  LOG.info("Mission {} EXPIRED with {} of {} s", missionId, completed, m.totalExposureRequiredS());
                }
              }).mapEmpty();
          default -> {
            Future<?> stored = next != m.status() ? missionMoves.move(m, next, completed)
                : completed != m.totalExposureCompletedS() ? missionMoves.recordProgress(m, completed)
                : Future.succeededFuture();
            yield stored.compose(x -> planning.maybePlan(m, progress, now));
          }
        };
      });
    });
  }

  private Future<Void> cancelOpen(List<TaskSummary> listed, String reason, Instant now) {
    List<Future<Void>> all = new ArrayList<>();
    for (TaskSummary s : listed) {
      if (MissionProgress.isOpen(s.status())) {
        all.add(tasks.find(s.taskId()).compose(t -> t.isPresent() && MissionProgress.isOpen(t.get().status())
            ? cancel(t.get(), reason, now) : Future.succeededFuture()));
      }
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> cancel(Task task, String reason, Instant now) {
    return moves.cancel(task, reason, now).compose(cancelled -> {
      if (!cancelled || task.assignedNodeId() == null) {
        return Future.succeededFuture();
      }
      downlink.cancellation(task);
      return claims.release(task.assignedNodeId(), task.taskId()).mapEmpty();
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
