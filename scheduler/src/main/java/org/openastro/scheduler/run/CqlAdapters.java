package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Created;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.node.Node;
import org.openastro.cql.scheduling.CompletionOutbox;
import org.openastro.cql.stacking.StackingOutbox;
import org.openastro.cql.scheduling.MissionStates;
import org.openastro.cql.scheduling.NodeClaims;
import org.openastro.cql.scheduling.OutcomeLedger;
import org.openastro.cql.scheduling.PendingQueue;
import org.openastro.cql.scheduling.SchedulerShards;
import org.openastro.cql.scheduling.Preemptions;
import org.openastro.cql.scheduling.TaskTransitions;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;

/**
 * The scheduler's collaborator interfaces over the cql classes. The cql module sits below the
 * scheduler and cannot implement its interfaces, so each adapter only forwards; one-method
 * interfaces need none (a method reference fits), see {@link SchedulerAssembly}.
 */
final class CqlAdapters {
  private CqlAdapters() {}

  static NodeRoster roster(NodeClaims nodes) {
    return new NodeRoster() {
      @Override
      public Future<Optional<Node>> find(UUID nodeId) {
        return nodes.find(nodeId);
      }

      @Override
      public Future<List<UUID>> idsIn(NodeStatus status) {
        return nodes.idsIn(status);
      }

      @Override
      public Future<List<UUID>> idsIn(NodeStatus status, int shard) {
        return nodes.idsIn(status, shard);
      }

      @Override
      public Future<List<Node>> nodesIn(NodeStatus status) {
        return nodes.nodesIn(status);
      }
    };
  }

  static ShardStore shards(SchedulerShards shards) {
    return new ShardStore() {
      @Override
      public Future<Void> announce(String instance, Instant startedAt, Duration ttl) {
        return shards.announce(instance, startedAt, ttl);
      }

      @Override
      public Future<List<String>> members() {
        return shards.members();
      }

      @Override
      public Future<Map<Integer, String>> owners() {
        return shards.owners();
      }

      @Override
      public Future<Boolean> acquire(int shard, String instance, Instant now, Duration ttl) {
        return shards.acquire(shard, instance, now, ttl);
      }

      @Override
      public Future<Boolean> renew(int shard, String instance, Instant acquiredAt, Duration ttl) {
        return shards.renew(shard, instance, acquiredAt, ttl);
      }

      @Override
      public Future<Void> release(int shard, String instance) {
        return shards.release(shard, instance);
      }

      @Override
      public Future<Void> leave(String instance) {
        return shards.leave(instance);
      }
    };
  }

  static Claims claims(NodeClaims nodes) {
    return new Claims() {
      @Override
      public Future<Boolean> claim(UUID nodeId, UUID taskId) {
        return nodes.claim(nodeId, taskId);
      }

      @Override
      public Future<Boolean> release(UUID nodeId, UUID taskId) {
        return nodes.release(nodeId, taskId);
      }
    };
  }

  static TaskStore tasks(TaskRepository tasks) {
    return new TaskStore() {
      @Override
      public Future<Optional<Task>> find(UUID taskId) {
        return tasks.find(taskId);
      }

      @Override
      public Future<List<TaskSummary>> listByMission(UUID missionId) {
        return tasks.listByMission(missionId);
      }

      @Override
      public Future<Created<Task>> create(Task task) {
        return tasks.create(task);
      }
    };
  }

  static TaskMoves moves(TaskTransitions transitions) {
    return new TaskMoves() {
      @Override
      public Future<Boolean> assign(Task task, UUID nodeId, Instant windowStart, Instant windowEnd, Instant now) {
        return transitions.assign(task, nodeId, windowStart, windowEnd, now);
      }

      @Override
      public Future<Boolean> unassign(Task task, Instant now) {
        return transitions.unassign(task, now);
      }

      @Override
      public Future<Boolean> freezePartial(Task task, Instant now) {
        return transitions.freezePartial(task, now);
      }

      @Override
      public Future<Void> healFrozen(Task partial) {
        return transitions.healFrozen(partial);
      }

      @Override
      public Future<Boolean> cancel(Task task, String reason, Instant now) {
        return transitions.cancel(task, reason, now);
      }

      @Override
      public Future<Boolean> shrink(Task task, double exposureRequiredS, Instant now) {
        return transitions.shrink(task, exposureRequiredS, now);
      }

      @Override
      public Future<Boolean> close(Task task, TaskStatus closeAs, String reason, Instant now) {
        return transitions.close(task, closeAs, reason, now);
      }

      @Override
      public Future<Void> recordCancellation(Task task, String reason, Instant now) {
        return transitions.recordCancellation(task, reason, now);
      }

      @Override
      public Future<Void> healIndex(Task task, Instant queuedUnder) {
        return transitions.healIndex(task, queuedUnder);
      }

      @Override
      public Future<Void> dropQueueRow(PendingQueue.Entry entry) {
        return transitions.dropQueueRow(entry);
      }
    };
  }

  static MissionStore missions(MissionRepository missions) {
    return new MissionStore() {
      @Override
      public Future<Optional<Mission>> find(UUID missionId) {
        return missions.find(missionId);
      }

      @Override
      public Future<List<UUID>> idsByStatus(MissionStatus status, int limit) {
        return missions.idsByStatus(status, limit);
      }
    };
  }

  static MissionMoves missionMoves(MissionStates states) {
    return new MissionMoves() {
      @Override
      public Future<Boolean> move(Mission m, MissionStatus next, double completedS) {
        return states.move(m, next, completedS);
      }

      @Override
      public Future<Void> recordProgress(Mission m, double completedS) {
        return states.recordProgress(m, completedS);
      }
    };
  }

  static PlanningLease lease(MissionStates states) {
    return new PlanningLease() {
      @Override
      public Future<Boolean> take(UUID missionId, UUID holder, Duration ttl, Instant now) {
        return states.lease(missionId, holder, ttl, now);
      }

      @Override
      public Future<Void> release(UUID missionId, UUID holder) {
        return states.releaseLease(missionId, holder);
      }
    };
  }

  static OutcomeHistory outcomes(OutcomeLedger ledger) {
    return new OutcomeHistory() {
      @Override
      public Future<Boolean> record(UUID nodeId, UUID taskId, String outcome, double deliveredS, Instant at) {
        return ledger.record(nodeId, taskId, outcome, deliveredS, at);
      }

      @Override
      public Future<List<String>> recent(UUID nodeId, int limit) {
        return ledger.recent(nodeId, limit);
      }

      @Override
      public Future<Void> storeScore(UUID nodeId, double reliability) {
        return ledger.storeScore(nodeId, reliability);
      }
    };
  }

  static PreemptionClaims preemptions(Preemptions preemptions) {
    return new PreemptionClaims() {
      @Override
      public Future<Preemptions.Outcome> decide(Preemptions.Decision d) {
        return preemptions.decide(d);
      }

      @Override
      public Future<Optional<Preemptions.Decision>> find(UUID preemptingTaskId) {
        return preemptions.find(preemptingTaskId);
      }

      @Override
      public Future<Void> abandon(UUID preemptingTaskId, UUID nodeId) {
        return preemptions.abandon(preemptingTaskId, nodeId);
      }

      @Override
      public Future<Boolean> takeOver(Preemptions.Decision stale, Instant at, UUID by) {
        return preemptions.takeOver(stale, at, by);
      }

      @Override
      public Future<Boolean> swapClaim(UUID nodeId, UUID from, UUID to) {
        return preemptions.swapClaim(nodeId, from, to);
      }
    };
  }

  /**
   * The completion outbox; with {@code stacking} (STACKING_ENABLED) each completion also queues the
   * mission for the reference stacker, in the same step, so both are written before the COMPLETE move.
   */
  static Outbox outbox(CompletionOutbox outbox, StackingOutbox stacking) {
    return new Outbox() {
      @Override
      public Future<Void> add(UUID missionId, String payload, Instant now) {
        Future<Void> added = outbox.add(missionId, payload, now);
        return stacking == null ? added : added.compose(x -> stacking.add(missionId, now));
      }

      @Override
      public Future<List<CompletionOutbox.Entry>> all() {
        return outbox.all();
      }

      @Override
      public Future<Void> markPublished(UUID missionId) {
        return outbox.markPublished(missionId);
      }

      @Override
      public Future<Void> remove(UUID missionId) {
        return outbox.remove(missionId);
      }
    };
  }
}
