package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.scheduling.PendingQueue;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.plan.AssignmentPlanner;
import org.openastro.scheduler.plan.PendingWork;
import org.openastro.scheduler.plan.Proposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assignment round: the head of the queue, the free nodes, the planner (on a worker thread:
 * it computes visibility), then each proposal through the two LWTs — the node's claim
 * ({@code IF current_task_id = null AND status = 'ONLINE'}) and the task's assignment
 * ({@code IF status = 'PENDING' AND assigned_node_id = null}) — so that two schedulers running
 * rounds at the same time never give a task twice or a node two tasks. A claim whose task went
 * elsewhere is released. Queue rows that no longer stand for a pending task are healed here.
 */
final class Assigner {
  private static final Logger LOG = LoggerFactory.getLogger(Assigner.class);
  /** The reason of a task closed because its mission was cancelled (as the cancel endpoint writes it). */
  static final String CANCELLED_REASON = "mission_cancelled";
  /**
   * How long an assigned task's queue row may stand before a round heals it. Shorter, and a round
   * that read the queue just before another scheduler's assignment would announce that task to its
   * node a second time (seen in TwoSchedulersPreemptingIT).
   */
  static final Duration HEAL_AFTER = Duration.ofSeconds(30);

  private final Offload offload;
  private final PendingTasks queue;
  private final TaskStore tasks;
  private final TaskMoves moves;
  private final MissionStore missions;
  private final MissionMoves missionMoves;
  private final NodeRoster nodes;
  private final NodeWork nodeWork;
  private final Claims claims;
  private final SchedulerMetrics metrics;
  private final AssignmentPlanner planner;
  private final Downlink downlink;
  private final int batch;
  private final Preempting preempting;

  /** A RAPID_RESPONSE task's last resort when no free node takes it: true when it got a node. */
  @FunctionalInterface
  interface Preempting {
    Preempting NONE = (work, now) -> Future.succeededFuture(false);

    Future<Boolean> preempt(PendingWork work, Instant now);
  }

  Assigner(Offload offload, PendingTasks queue, TaskStore tasks, TaskMoves moves, MissionStore missions,
      MissionMoves missionMoves, NodeRoster nodes, NodeWork nodeWork, Claims claims, SchedulerMetrics metrics,
      AssignmentPlanner planner, Downlink downlink, int batch) {
    this(offload, queue, tasks, moves, missions, missionMoves, nodes, nodeWork, claims, metrics, planner, downlink, batch,
        Preempting.NONE);
  }

  Assigner(Offload offload, PendingTasks queue, TaskStore tasks, TaskMoves moves, MissionStore missions,
      MissionMoves missionMoves, NodeRoster nodes, NodeWork nodeWork, Claims claims, SchedulerMetrics metrics,
      AssignmentPlanner planner, Downlink downlink, int batch, Preempting preempting) {
    this.preempting = preempting;
    this.offload = offload;
    this.queue = queue;
    this.tasks = tasks;
    this.moves = moves;
    this.missions = missions;
    this.missionMoves = missionMoves;
    this.nodes = nodes;
    this.nodeWork = nodeWork;
    this.claims = claims;
    this.metrics = metrics;
    this.planner = planner;
    this.downlink = downlink;
    this.batch = batch;
  }

  /** Runs one round; succeeds with the number of tasks assigned. */
  Future<Integer> round(Instant now) {
    return queue.head(batch).compose(entries -> {
      if (entries.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return pendingWork(entries, now).compose(work -> work.isEmpty() ? Future.succeededFuture(0)
          : nodes.nodesIn(NodeStatus.ONLINE).compose(online -> {
            List<Node> free = online.stream().filter(n -> n.currentTaskId() == null).toList();
            Set<UUID> given = new HashSet<>();
            Future<Integer> assigned = free.isEmpty() ? Future.succeededFuture(0)
                : offload.run(() -> planner.plan(work, free, now)).compose(proposals -> apply(proposals, 0, 0, now, given));
            return assigned.compose(n -> preemptFor(work, given, 0, n, now));
          }));
    });
  }

  private Future<List<PendingWork>> pendingWork(List<PendingQueue.Entry> entries, Instant now) {
    List<Future<Optional<Task>>> found = entries.stream().map(e -> tasks.find(e.taskId())).toList();
    return Future.all(found).compose(all -> {
      List<Task> pending = new ArrayList<>();
      List<Future<Void>> heals = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        PendingQueue.Entry entry = entries.get(i);
        Optional<Task> task = all.resultAt(i);
        if (task.isPresent() && task.get().status() == TaskStatus.PENDING && task.get().assignedNodeId() != null) {
          if (assignedLongAgo(task.get(), now)) {
            heals.add(healAssigned(entry, task.get()));
          }
          // else another scheduler assigned it after this round read the queue and is writing its
          // index now: its own announcement tells the node; healing would tell it a second time.
        } else if (task.isEmpty() || task.get().status() != TaskStatus.PENDING) {
          heals.add(moves.dropQueueRow(entry));
        } else if (task.get().windowEnd() != null && !task.get().windowEnd().isAfter(now)) {
          // Its window passed unassigned: close it; the mission sweep plans the exposure anew.
          heals.add(moves.cancel(task.get(), "WINDOW_PASSED", now).mapEmpty());
        } else {
          pending.add(task.get());
        }
      }
      Map<UUID, Future<Optional<Mission>>> missionOf = new HashMap<>();
      pending.forEach(t -> missionOf.computeIfAbsent(t.missionId(), missions::find));
      return Future.all(new ArrayList<>(missionOf.values())).compose(x -> Future.all(heals)).map(x -> {
        List<PendingWork> work = new ArrayList<>();
        List<Future<Boolean>> closing = new ArrayList<>();
        for (Task t : pending) {
          Optional<Mission> m = missionOf.get(t.missionId()).result();
          if (m.isPresent() && m.get().status() == MissionStatus.CANCELLED) {
            // Planned just before the mission was cancelled: close it as the cancel would have.
            closing.add(moves.close(t, TaskStatus.CANCELLED, CANCELLED_REASON, now));
          }
          m.filter(y -> y.status() == MissionStatus.PENDING || y.status() == MissionStatus.IN_PROGRESS)
              .ifPresent(y -> work.add(new PendingWork(t, y)));
        }
        return Future.all(closing).map(done -> work);
      }).compose(f -> f);
    });
  }

  /**
   * A task assigned (its LWT applied) whose queue row is still there: the index write after the
   * assignment failed (seen in the chaos run: a logged batch timing out while a replica was dead),
   * or another scheduler assigned it after this round read the queue. Either way its by-node and
   * by-mission rows are written again, its queue row goes, and its node is told again: the first
   * announcement may never have been sent, and nodes take a repeated assignment as the same one.
   * Without this the task stayed assigned to a node that never heard of it, and its mission never
   * completed.
   */
  /**
   * Whether an assigned task's queue row has outlived the write that should have removed it. The
   * index batch follows the LWT within milliseconds, or fails within the driver's request timeout;
   * {@link #HEAL_AFTER} is well past both, so only a row that write left behind is healed.
   */
  static boolean assignedLongAgo(Task task, Instant now) {
    return task.updatedAt() == null || !task.updatedAt().plus(HEAL_AFTER).isAfter(now);
  }

  private Future<Void> healAssigned(PendingQueue.Entry entry, Task task) {
    return moves.healIndex(task, null)
        .compose(x -> moves.dropQueueRow(entry))
        .compose(x -> missions.find(task.missionId()))
        .map(mission -> {
          mission.filter(m -> m.status() == MissionStatus.PENDING || m.status() == MissionStatus.IN_PROGRESS)
              .ifPresent(m -> downlink.assignment(task, m));
          return null;
        });
  }

  private Future<Integer> apply(List<Proposal> proposals, int i, int assigned, Instant now, Set<UUID> given) {
    if (i == proposals.size()) {
      return Future.succeededFuture(assigned);
    }
    return applyOne(proposals.get(i), now)
        .recover(t -> {
          LOG.warn("Assignment of task {} failed; retried next round", proposals.get(i).task().taskId(), t);
          return Future.succeededFuture(false);
        })
        .compose(ok -> {
          if (ok) {
            given.add(proposals.get(i).task().taskId());
          }
          return apply(proposals, i + 1, ok ? assigned + 1 : assigned, now, given);
        });
  }

  /** RAPID_RESPONSE work no free node took this round, in queue order, one preemption after the other. */
  private Future<Integer> preemptFor(List<PendingWork> work, Set<UUID> given, int i, int assigned, Instant now) {
    if (i == work.size()) {
      return Future.succeededFuture(assigned);
    }
    PendingWork w = work.get(i);
    if (w.mission().observationType() != ObservationType.RAPID_RESPONSE || given.contains(w.task().taskId())) {
      return preemptFor(work, given, i + 1, assigned, now);
    }
    return preempting.preempt(w, now)
        .recover(t -> {
          LOG.warn("Preemption for task {} failed; retried next round", w.task().taskId(), t);
          return Future.succeededFuture(false);
        })
        .compose(ok -> preemptFor(work, given, i + 1, ok ? assigned + 1 : assigned, now));
  }

  private Future<Boolean> applyOne(Proposal p, Instant now) {
    UUID nodeId = p.node().nodeId();
    UUID taskId = p.task().taskId();
    // The claim is the lock; the by-node index also guards against a current_task_id that a
    // heartbeat rewrote while the node still holds open work.
    return nodeWork.openTaskIds(nodeId).compose(open -> !open.isEmpty() ? Future.succeededFuture(false)
        : claims.claim(nodeId, taskId).compose(claimed -> !claimed ? Future.succeededFuture(false)
            : moves.assign(p.task(), nodeId, p.window().start(), p.window().end(), now)
                .compose(ok -> ok ? announce(p, now) : claims.release(nodeId, taskId).map(false),
                    t -> appliedAnyway(p, t).compose(ok -> ok ? announce(p, now) : Future.succeededFuture(false)))));
  }

  /**
   * The assignment failed somewhere: before its LWT (nothing happened) or after it, in the index
   * batch (seen in the chaos run: a logged batch timing out while a replica was dead, then
   * replayed from the batchlog later). The task row tells which. If it names this node, the
   * assignment stands: the node must be told, or it idles beside a task it never heard of while
   * its claim keeps every other task from it. A stale queue row left behind is healed by
   * {@link #healAssigned} on a later round.
   */
  private Future<Boolean> appliedAnyway(Proposal p, Throwable failure) {
    UUID nodeId = p.node().nodeId();
    return tasks.find(p.task().taskId()).transform(read -> {
      if (read.failed()) {
        return Future.failedFuture(failure);
      }
      Optional<Task> row = read.result();
      boolean applied = row.isPresent() && row.get().status() == TaskStatus.PENDING
          && nodeId.equals(row.get().assignedNodeId());
      if (!applied) {
        // Not ours: free the node's claim, or it would wait for a status heartbeat to be given work.
        LOG.warn("Assignment of task {} to node {} failed ({}); retried next round", p.task().taskId(), nodeId,
            failure.toString());
        return claims.release(nodeId, p.task().taskId()).transform(x -> Future.succeededFuture(false));
      }
      LOG.warn("Task {} is assigned to node {} but the index write after it failed ({}); the node is told, a later"
          + " round heals the index", p.task().taskId(), nodeId, failure.toString());
      return Future.succeededFuture(true);
    });
  }

  private Future<Boolean> announce(Proposal p, Instant now) {
    Task t = p.task();
    Task assigned = new Task(t.taskId(), t.missionId(), p.node().nodeId(), t.exposureRequiredS(),
        t.exposureDeliveredS(), t.status(), p.window().start(), p.window().end(), t.fitsObjectStoragePath(),
        t.remainderOf(), t.priority(), t.createdAt(), now);
    downlink.assignment(assigned, p.mission());
    if (t.createdAt() != null) {
      metrics.assigned(Duration.between(t.createdAt(), now));
    }
    LOG.info("Task {} ({} s) assigned to node {}", t.taskId(), t.exposureRequiredS(), p.node().nodeId());
    Mission m = p.mission();
    return m.status() == MissionStatus.PENDING
        ? missionMoves.move(m, MissionStatus.IN_PROGRESS, m.totalExposureCompletedS()).map(true)
        : Future.succeededFuture(true);
  }
}
