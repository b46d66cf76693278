package org.openastro.scheduler.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.intake.Localization;
import org.openastro.api.intake.LocalizationRules;
import org.openastro.api.intake.LocalizationRules.Decision;
import org.openastro.api.intake.Relocation;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.cql.Store;
import org.openastro.cql.mission.AlertLocalization;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;
import org.openastro.cql.scheduling.MissionStates;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.events.EventAddresses;
import org.openastro.scheduler.mission.MissionProgress;
import org.openastro.scheduler.plan.StillInView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An alert mission follows a newer localization of its event ({@link LocalizationRules} decides):
 * first the mission row (LWT on the notice time read: a notice decided on stale data is decided
 * again on a fresh read), so the assigner and every node reconnecting get the new target; then,
 * when the target moved, each assigned open task: re-sent to its node as an assignment with the new
 * target when the node can still observe it ({@link StillInView}), otherwise closed as CANCELLED
 * with the reason {@value #REASON} (its delivered seconds kept, as a cancel keeps them), the node
 * told and its claim released; last {@link EventAddresses#MISSION_RELOCATED}, on which the scheduler
 * plans the mission's uncovered exposure at once over windows of the new position. Tasks still in
 * the queue need nothing: whoever is assigned them gets the mission as stored. The downlink is best
 * effort like every downlink: a node that misses a re-sent assignment gets the new target with its
 * open tasks when it reconnects.
 */
public final class MissionRelocation {
  private static final Logger LOG = LoggerFactory.getLogger(MissionRelocation.class);
  /** The reason recorded and told to a node whose task was taken because it cannot see the new target. */
  public static final String REASON = LocalizationRules.RELOCATED_REASON;
  private static final int MAX_ATTEMPTS = 4;

  private final MissionRepository missions;
  private final MissionStates states;
  private final TaskRepository tasks;
  private final TaskCancellation cancellation;
  private final NodeRepository nodes;
  private final Vertx vertx;
  private final EventBus bus;
  private final StillInView view;

  /** Prepares statements (blocks): build at start-up. */
  public MissionRelocation(Store store, Vertx vertx, StillInView view) {
    this.missions = store.missions();
    this.states = store.missionStates();
    this.tasks = store.tasks();
    this.cancellation = new TaskCancellation(store, vertx.eventBus());
    this.nodes = store.nodes();
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.view = view;
  }

  /** What became of one assigned open task. */
  enum Followed { NOTHING, RESENT, REPLANNED }

  /** Applies {@code next} to {@code m} (read just before); see {@link org.openastro.api.intake.MissionIntake#relocate}. */
  public Future<Relocation> relocate(Mission m, Localization next, Instant now) {
    return relocate(m, next, now.truncatedTo(ChronoUnit.MILLIS), 1);
  }

  private Future<Relocation> relocate(Mission m, Localization next, Instant now, int attempt) {
    Decision d = LocalizationRules.decide(m, next);
    if (!d.write()) {
      return Future.succeededFuture(new Relocation(m, d.verdict(), List.of(), 0, 0));
    }
    boolean targetMoved = d.changed().contains(LocalizationRules.TARGET);
    Mission moved = m.relocated(targetMoved ? next.ra() : m.targetRa(), targetMoved ? next.dec() : m.targetDec(),
        new AlertLocalization(next.errorRadiusDeg(), next.noticeAt(),
            d.changed().isEmpty() ? m.alertLocalization().relocatedAt() : now,
            next.pointingRank(), next.pointingProbability()));
    return states.relocate(m, moved).compose(applied -> {
      if (!applied) {
        // Another notice (or a status move) came in between: decide again on what is stored now.
        return attempt >= MAX_ATTEMPTS
            ? Future.failedFuture(new IllegalStateException("mission " + m.missionId()
                + " kept changing while being relocated"))
            : missions.find(m.missionId()).compose(fresh -> fresh.isEmpty()
                ? Future.failedFuture(new IllegalStateException("mission " + m.missionId() + " vanished"))
                : relocate(fresh.get(), next, now, attempt + 1));
      }
      if (!targetMoved) {
        return Future.succeededFuture(new Relocation(moved, d.verdict(), d.changed(), 0, 0));
      }
      LOG.info("Mission {} ({}) moved to RA {} Dec {} (error radius {}) by a notice of {}", m.missionId(),
          m.alertSourceId(), moved.targetRa(), moved.targetDec(), next.errorRadiusDeg(), next.noticeAt());
      return followTasks(moved, now).map(followed -> {
        Relocation r = new Relocation(moved, d.verdict(), d.changed(), count(followed, Followed.RESENT),
            count(followed, Followed.REPLANNED));
        bus.publish(EventAddresses.MISSION_RELOCATED, event(r, now));
        return r;
      });
    });
  }

  private Future<List<Followed>> followTasks(Mission moved, Instant now) {
    return tasks.listByMission(moved.missionId()).compose(listed -> {
      List<Future<Followed>> all = new ArrayList<>();
      for (TaskSummary s : listed) {
        if (MissionProgress.isOpen(s.status()) && s.assignedNodeId() != null) {
          all.add(followTask(s.taskId(), moved, now, 1));
        }
      }
      return Future.all(all).map(done -> {
        List<Followed> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          out.add(done.resultAt(i));
        }
        return out;
      });
    });
  }

  private Future<Followed> followTask(UUID taskId, Mission moved, Instant now, int attempt) {
    return tasks.find(taskId).compose(found -> {
      if (found.isEmpty() || !MissionProgress.isOpen(found.get().status()) || found.get().assignedNodeId() == null) {
        return Future.succeededFuture(Followed.NOTHING);
      }
      Task t = found.get();
      return nodes.find(t.assignedNodeId()).compose(node -> sees(node, t, moved, now)).compose(sees -> {
        if (sees) {
          bus.publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.assignment(t.assignedNodeId(), t, moved));
          return Future.succeededFuture(Followed.RESENT);
        }
        return cancellation.cancel(t, REASON, now).compose(closed -> {
          if (!closed) {
            // A report or a move came in between: look again at the task as it is now.
            return attempt >= MAX_ATTEMPTS ? Future.failedFuture(new IllegalStateException("task " + taskId
                + " kept changing while its mission was relocated")) : followTask(taskId, moved, now, attempt + 1);
          }
          LOG.info("Task {} taken from node {}: it cannot see mission {}'s new target", taskId, t.assignedNodeId(),
              moved.missionId());
          return Future.succeededFuture(Followed.REPLANNED);
        });
      });
    });
  }

  /** Visibility is CPU work (the real sky): on a worker thread. A node that is gone sees nothing. */
  private Future<Boolean> sees(Optional<Node> node, Task t, Mission moved, Instant now) {
    if (node.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return vertx.executeBlocking(() -> view.test(node.get(), t, moved, now), false);
  }

  private static int count(List<Followed> followed, Followed which) {
    return (int) followed.stream().filter(f -> f == which).count();
  }

  static JsonObject event(Relocation r, Instant now) {
    Mission m = r.mission();
    return new JsonObject()
        .put("mission_id", m.missionId().toString())
        .put("alert_source_id", m.alertSourceId())
        .put("target_ra", m.targetRa())
        .put("target_dec", m.targetDec())
        .put("error_radius_deg", m.alertLocalization().errorRadiusDeg())
        .put("changed", new JsonArray(r.changed()))
        .put("relocated_at", now.toString());
  }
}
