package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.scheduling.Preemptions.Decision;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.plan.PendingWork;
import org.openastro.scheduler.plan.PreemptionPolicy;
import org.openastro.scheduler.plan.Remainder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a busy node for a RAPID_RESPONSE task no free node can start now ({@link PreemptionPolicy}
 * chooses which), in this order, each step a compare-and-set or idempotent:
 * <ol>
 *   <li>the decision (one per RAPID_RESPONSE task; a scheduler that loses it stops, unless the
 *       stored decision is older than {@link #STALE}: then its maker died and this one takes it over,
 *       by compare-and-set so that of two survivors only one finishes it);
 *   <li>the node's claim swapped from the interrupted task to the RAPID_RESPONSE task (once per node;
 *       if the claim moved on, the decision is abandoned and a later round tries again);
 *   <li>the interrupted task: EXECUTING → PARTIAL_COMPLETE with every delivered second and its
 *       remainder PENDING (as after a fault), or, not started, back to the queue; the reason
 *       {@code preempted} recorded; it does not count against the node;
 *   <li>the node told: a cancellation with {@code reason: preempted} and {@code preempted_by};
 *   <li>the RAPID_RESPONSE task assigned to the node and sent to it (if it went elsewhere meanwhile,
 *       the node's claim is released).
 * </ol>
 * A decision this process made and whose carrying out failed half-way (a write timed out) is
 * finished by the next round here, not after {@link #STALE}: only another process's fresh decision
 * is waited for. A GRB cannot wait half a minute for a timeout.
 */
final class Preemption {
  private static final Logger LOG = LoggerFactory.getLogger(Preemption.class);
  static final String REASON = "preempted";
  /** A decision older than this whose task is still unassigned was left by a scheduler that died. */
  static final Duration STALE = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = 4;

  private final Offload offload;
  private final NodeRoster nodes;
  private final TaskStore tasks;
  private final TaskMoves moves;
  private final MissionStore missions;
  private final MissionMoves missionMoves;
  private final PreemptionClaims preemptions;
  private final Claims claims;
  private final Downlink downlink;
  private final PreemptionPolicy policy;
  private final NodeRowCache rows;
  private final int maxCandidates;
  /** This process, as named in the decisions it makes. */
  private final UUID self = UUID.randomUUID();
  /** RAPID_RESPONSE tasks whose preemption this process is carrying out right now. */
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

  Preemption(Offload offload, NodeRoster nodes, TaskStore tasks, TaskMoves moves, MissionStore missions,
      MissionMoves missionMoves, PreemptionClaims preemptions, Claims claims, Downlink downlink,
      PreemptionPolicy policy) {
    this(offload, nodes, tasks, moves, missions, missionMoves, preemptions, claims, downlink, policy,
        new NodeRowCache(nodes, Integer.MAX_VALUE), Integer.MAX_VALUE);
  }

  /**
   * {@code rows}: the node rows shared with planning (sites and needs); {@code maxCandidates}: the
   * busy nodes that may see the target whose work is read ({@link PreemptionPolicy#candidates}).
   */
  Preemption(Offload offload, NodeRoster nodes, TaskStore tasks, TaskMoves moves, MissionStore missions,
      MissionMoves missionMoves, PreemptionClaims preemptions, Claims claims, Downlink downlink,
      PreemptionPolicy policy, NodeRowCache rows, int maxCandidates) {
    this.rows = rows;
    this.maxCandidates = maxCandidates;
    this.offload = offload;
    this.nodes = nodes;
    this.tasks = tasks;
    this.moves = moves;
    this.missions = missions;
    this.missionMoves = missionMoves;
    this.preemptions = preemptions;
    this.claims = claims;
    this.downlink = downlink;
    this.policy = policy;
  }

  /** True when this call gave {@code rr}'s task a node by preempting one. */
  Future<Boolean> preempt(PendingWork rr, Instant now) {
    UUID rrId = rr.task().taskId();
    if (inFlight.contains(rrId)) {
      return Future.succeededFuture(false); // an earlier round here is still at it
    }
    return candidates(rr, now).compose(fresh -> {
      List<Node> held = fresh.stream().filter(n -> n.currentTaskId() != null).toList();
      Optional<Node> swapped = held.stream().filter(n -> n.currentTaskId().equals(rrId)).findFirst();
      return swapped.isPresent() ? resume(rr, swapped.get(), now)
          : choose(rr, held.stream().filter(n -> !n.currentTaskId().equals(rrId)).toList(), now);
    });
  }

  /**
   * The nodes worth a look, their rows read now (claims move all the time): the most reliable of
   * the ONLINE and BUSY nodes that may see the target (sites from the row cache), and the node of a
   * decision already stored for {@code rr}, so a preemption stopped half-way is found again.
   */
  private Future<List<Node>> candidates(PendingWork rr, Instant now) {
    Future<List<Node>> near = Future.all(nodes.idsIn(NodeStatus.ONLINE), nodes.idsIn(NodeStatus.BUSY))
        .compose(ids -> {
          List<UUID> both = new ArrayList<>(ids.<List<UUID>>resultAt(0));
          both.addAll(ids.<List<UUID>>resultAt(1));
          return rows.rowsOf(both, now);
        })
        .compose(fleet -> offload.run(() -> policy.candidates(rr, fleet, now, maxCandidates)));
    Future<Optional<Decision>> decided = preemptions.find(rr.task().taskId());
    return Future.all(near, decided).compose(x -> {
      Set<UUID> ids = new LinkedHashSet<>();
      decided.result().ifPresent(d -> ids.add(d.nodeId()));
      near.result().forEach(n -> ids.add(n.nodeId()));
      return rows.rowsOf(List.copyOf(ids), now, cached -> false); // read again: claims move all the time
    });
  }

  /**
   * A node already holds the RAPID_RESPONSE task's claim while the task is unassigned: a preemption
   * stopped half-way. Its maker finishes it unless it died (decision older than {@link #STALE}):
   * then this one does; a claim without a decision is released.
   */
  private Future<Boolean> resume(PendingWork rr, Node node, Instant now) {
    UUID rrId = rr.task().taskId();
    return preemptions.find(rrId).compose(found -> {
      if (found.isEmpty() || !found.get().nodeId().equals(node.nodeId())) {
        return claims.release(node.nodeId(), rrId).map(false);
      }
      Decision d = found.get();
      return ours(d, now).compose(mine -> mine ? carryOut(rr, d, rr.task().windowEnd(), now)
          : Future.succeededFuture(false));
    });
  }

  private Future<Boolean> choose(PendingWork rr, List<Node> held, Instant now) {
    return busy(held).compose(busy -> offload.run(() -> policy.choose(rr, busy, now)))
        .compose(choice -> {
          if (choice.isEmpty()) {
            return Future.succeededFuture(false);
          }
          PreemptionPolicy.Busy victim = choice.get().victim();
          Decision mine = new Decision(rr.task().taskId(), victim.node().nodeId(), victim.running().taskId(), now,
              self);
          return preemptions.decide(mine).compose(outcome -> {
            Decision d = outcome.decision();
            Future<Boolean> ours = outcome.applied() ? Future.succeededFuture(true) : ours(d, now);
            return ours.compose(yes -> {
              if (!yes) {
                return Future.succeededFuture(false);
              }
              Instant windowEnd = d.nodeId().equals(victim.node().nodeId()) ? choice.get().window().end()
                  : rr.task().windowEnd();
              return carryOut(rr, d, windowEnd, now);
            });
          });
        });
  }

  /**
   * Whether this process carries out the stored decision {@code d}: when it made it, or when its
   * maker died ({@link #STALE}) and this process took it over. The take-over is a compare-and-set on
   * the decision as read: two survivors finding the same stale decision would otherwise both carry
   * it out: its node would hear two cancellations, and the one whose assignment lost would release
   * the node's claim although the node holds the task.
   */
  private Future<Boolean> ours(Decision d, Instant now) {
    if (self.equals(d.decidedBy())) {
      return Future.succeededFuture(true);
    }
    // another process's fresh decision: it is carrying it out
    boolean fresh = d.decidedAt() != null && d.decidedAt().isAfter(now.minus(STALE));
    return fresh ? Future.succeededFuture(false) : preemptions.takeOver(d, now, self);
  }

  /** Nodes holding a claim, with their task and its mission. */
  private Future<List<PreemptionPolicy.Busy>> busy(List<Node> held) {
    List<Future<Optional<PreemptionPolicy.Busy>>> reads = held.stream().map(this::withTask).toList();
    return Future.all(reads).map(all -> {
      List<PreemptionPolicy.Busy> out = new ArrayList<>();
      for (int i = 0; i < reads.size(); i++) {
        all.<Optional<PreemptionPolicy.Busy>>resultAt(i).ifPresent(out::add);
      }
      return out;
    });
  }

  private Future<Optional<PreemptionPolicy.Busy>> withTask(Node n) {
    return tasks.find(n.currentTaskId()).compose(t -> t.isEmpty() ? Future.succeededFuture(Optional.empty())
        : missions.find(t.get().missionId()).map(m -> m.map(x -> new PreemptionPolicy.Busy(n, t.get(), x))));
  }

  /** One carrying out per RAPID_RESPONSE task in this process at a time; a failure leaves it to the next round. */
  private Future<Boolean> carryOut(PendingWork rr, Decision d, Instant windowEnd, Instant now) {
    UUID rrId = rr.task().taskId();
    if (!inFlight.add(rrId)) {
      return Future.succeededFuture(false);
    }
    return steps(rr, d, windowEnd, now).onComplete(x -> inFlight.remove(rrId));
  }

  private Future<Boolean> steps(PendingWork rr, Decision d, Instant windowEnd, Instant now) {
    UUID rrId = rr.task().taskId();
    return preemptions.swapClaim(d.nodeId(), d.preemptedTaskId(), rrId)
        .compose(swapped -> swapped ? Future.succeededFuture(true)
            : nodes.find(d.nodeId()).map(n -> n.isPresent() && rrId.equals(n.get().currentTaskId())))
        .compose(held -> {
          if (!held) {
            LOG.info("Preemption of node {} for task {} given up: its claim moved on", d.nodeId(), rrId);
            return preemptions.abandon(rrId, d.nodeId()).map(false);
          }
          return interrupt(d, now, 1)
              .compose(x -> assign(rr, d.nodeId(), windowEnd, now));
        });
  }

  /** The interrupted task: frozen with its remainder, or back to the queue; then its node is told. */
  private Future<Void> interrupt(Decision d, Instant now, int attempt) {
    return tasks.find(d.preemptedTaskId()).compose(found -> {
      if (found.isEmpty() || !d.nodeId().equals(found.get().assignedNodeId())) {
        return Future.succeededFuture();
      }
      Task t = found.get();
      Future<Boolean> moved = switch (t.status()) {
        case EXECUTING -> moves.freezePartial(t, now);
        case PENDING -> moves.unassign(t, now);
        default -> Future.succeededFuture(true); // already frozen (a retry), or it ended meanwhile
      };
      return moved.compose(ok -> {
        if (!ok) {
          return attempt >= MAX_ATTEMPTS ? Future.failedFuture(new IllegalStateException("task " + t.taskId()
              + " kept changing during preemption")) : interrupt(d, now, attempt + 1);
        }
        if (t.status() == TaskStatus.PENDING) {
          return moves.recordCancellation(t, REASON, now)
              .onSuccess(x -> downlink.cancellation(t, REASON, d.preemptingTaskId()));
        }
        if (t.status() != TaskStatus.EXECUTING && t.status() != TaskStatus.PARTIAL_COMPLETE) {
          return Future.succeededFuture();
        }
        Task frozen = org.openastro.cql.scheduling.TaskTransitions.withStatus(t, TaskStatus.PARTIAL_COMPLETE);
        return moves.recordCancellation(t, REASON, now)
            .compose(x -> missions.framesOf(t.missionId()))
            .compose(frames -> Remainder.of(frozen, frames, now).map(rest -> tasks.create(rest).<Void>mapEmpty())
                .orElseGet(Future::succeededFuture))
            .compose(x -> moves.healFrozen(frozen))
            .onSuccess(x -> {
              LOG.info("Task {} preempted on node {} by {}: PARTIAL_COMPLETE with {} of {} s", t.taskId(), d.nodeId(),
                  d.preemptingTaskId(), t.exposureDeliveredS(), t.exposureRequiredS());
              downlink.cancellation(frozen, REASON, d.preemptingTaskId());
            });
      });
    });
  }

  private Future<Boolean> assign(PendingWork rr, UUID nodeId, Instant windowEnd, Instant now) {
    return tasks.find(rr.task().taskId()).compose(found -> {
      Task t = found.orElse(null);
      if (t == null || t.status() != TaskStatus.PENDING || t.assignedNodeId() != null) {
        boolean ours = t != null && nodeId.equals(t.assignedNodeId());
        return ours ? Future.succeededFuture(true) : claims.release(nodeId, rr.task().taskId()).map(false);
      }
      return moves.assign(t, nodeId, now, windowEnd, now).compose(ok -> {
        if (!ok) {
          return claims.release(nodeId, t.taskId()).map(false);
        }
        Task assigned = new Task(t.taskId(), t.missionId(), nodeId, t.exposureRequiredS(), t.exposureDeliveredS(),
            t.status(), now, windowEnd, t.fitsObjectStoragePath(), t.remainderOf(), t.priority(), t.createdAt(), now);
        downlink.assignment(assigned, rr.mission());
        LOG.info("RAPID_RESPONSE task {} assigned to preempted node {}", t.taskId(), nodeId);
        Mission m = rr.mission();
        return m.status() == MissionStatus.PENDING
            ? missionMoves.move(m, MissionStatus.IN_PROGRESS, m.totalExposureCompletedS()).map(true)
            : Future.succeededFuture(true);
      });
    });
  }
}
