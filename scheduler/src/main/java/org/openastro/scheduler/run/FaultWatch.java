package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.fault.FaultRule;
import org.openastro.scheduler.fault.LivenessTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault detection for this instance's shards of the fleet: heartbeats (events) of its nodes feed
 * the {@link LivenessTable}; each tick the silent nodes are checked against the newest stored
 * heartbeat (an event this instance missed must not fault a live node) and moved ONLINE/BUSY →
 * FAULTED by LWT, then their work is recovered. A FAULTED node that heartbeats again is moved
 * back to ONLINE. A shard's part of the table is built from Cassandra (newest node_heartbeats
 * row) when the shard is taken, read page by page for that shard only, so a restart or a
 * failover loses no fault; a rescan every few minutes adds nodes that came ONLINE without a
 * heartbeat this instance saw. Heartbeats of other instances' nodes are dropped on arrival.
 * Confined to the scheduler's event loop.
 */
final class FaultWatch {
  private static final Logger LOG = LoggerFactory.getLogger(FaultWatch.class);
  /**
   * How long a faulted node's recovery is run again on every mission sweep. An assignment that
   * claimed the node just before it faulted lands after the recovery found nothing to take back
   * (and may come from the leading instance while another owns the node): running recovery
   * again for this long takes such a task back within a sweep, not a rescan.
   */
  static final Duration RECOVERY_SETTLE = Duration.ofMinutes(1);

  private final NodeRoster nodes;
  private final NodeStatusMoves statusMoves;
  private final Heartbeats heartbeats;
  private final SchedulerMetrics metrics;
  private final FaultRule rule;
  private final LivenessTable table;
  private final Recovery recovery;
  private final Shards shards;
  private final int readsInFlight;
  private final Set<UUID> faulted = new HashSet<>();
  /** Nodes faulted (or found FAULTED) lately, with when: their recovery runs again each sweep. */
  private final Map<UUID, Instant> settling = new HashMap<>();

  FaultWatch(NodeRoster nodes, NodeStatusMoves statusMoves, Heartbeats heartbeats, SchedulerMetrics metrics,
      FaultRule rule, Recovery recovery) {
    this(nodes, statusMoves, heartbeats, metrics, rule, recovery, Shards.all(), Integer.MAX_VALUE);
  }

  /** {@code readsInFlight}: stored heartbeats read at once when a shard's nodes are watched anew. */
  FaultWatch(NodeRoster nodes, NodeStatusMoves statusMoves, Heartbeats heartbeats, SchedulerMetrics metrics,
      FaultRule rule, Recovery recovery, Shards shards, int readsInFlight) {
    this.readsInFlight = readsInFlight;
    this.nodes = nodes;
    this.statusMoves = statusMoves;
    this.heartbeats = heartbeats;
    this.metrics = metrics;
    this.rule = rule;
    this.table = new LivenessTable(rule);
    this.recovery = recovery;
    this.shards = shards;
  }

  /** Watches every ONLINE/BUSY node of the owned shards not yet watched, from its newest stored heartbeat. */
  Future<Void> refresh(Instant now) {
    return refresh(shards.owned(), now);
  }

  /** Resumes the recovery of every FAULTED node of the owned shards (finishes what a crash interrupted). */
  Future<Void> resumeRecoveries(Instant now) {
    return resumeRecoveries(shards.owned(), now);
  }

  /** Shards just taken (start-up or failover): their nodes watched, their FAULTED nodes' work recovered. */
  Future<Void> gained(Set<Integer> taken, Instant now) {
    return refresh(taken, now).compose(x -> resumeRecoveries(taken, now));
  }

  /** Shards now another instance's: their nodes are no longer watched or faulted here. */
  void lost(Set<Integer> given) {
    table.forgetIf(id -> given.contains(Buckets.of(id)));
    faulted.removeIf(id -> given.contains(Buckets.of(id)));
    settling.keySet().removeIf(id -> given.contains(Buckets.of(id)));
  }

  /** Runs again the recovery of nodes faulted within {@link #RECOVERY_SETTLE}. */
  Future<Void> retryRecoveries(Instant now) {
    settling.values().removeIf(at -> !at.plus(RECOVERY_SETTLE).isAfter(now));
    List<Future<Void>> all = new ArrayList<>();
    for (UUID id : new ArrayList<>(settling.keySet())) {
      if (shards.owns(id)) {
        // Only while it is still FAULTED: a node back ONLINE may hold new work by now.
        all.add(nodes.find(id).compose(n -> n.isPresent() && n.get().status() == NodeStatus.FAULTED
            ? recovery.recoverNode(id, now) : Future.<Void>succeededFuture()));
      }
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> refresh(Set<Integer> which, Instant now) {
    List<Future<Void>> all = new ArrayList<>();
    for (NodeStatus status : List.of(NodeStatus.ONLINE, NodeStatus.BUSY)) {
      all.add(idsIn(status, which).compose(ids -> {
        if (which.equals(shards.owned())) {
          metrics.nodesIn(status, ids.size()); // this instance's share; the instances' gauges add up
        }
        List<UUID> unwatched = ids.stream().filter(id -> !table.watches(id)).toList();
        return BoundedFanOut.each(unwatched, readsInFlight, id -> storedLastHeartbeat(id, now)
            .compose(last -> last.isPresent() ? Future.succeededFuture(last)
                : nodes.find(id).map(n -> n.map(Node::statusChangedAt)))
            .map(last -> {
              if (shards.owns(id)) { // a heartbeat heard meanwhile is newer and kept
                table.heard(id, last.orElse(now));
              }
              return null;
            }));
      }));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> resumeRecoveries(Set<Integer> which, Instant now) {
    return idsIn(NodeStatus.FAULTED, which).compose(ids -> {
      List<Future<Void>> all = new ArrayList<>();
      for (UUID id : ids) {
        // The index is a hint: recover only a node whose row still says FAULTED.
        all.add(nodes.find(id).compose(n -> {
          if (n.isEmpty() || n.get().status() != NodeStatus.FAULTED || !shards.owns(id)) {
            return Future.succeededFuture();
          }
          faulted.add(id);
          return recovery.recoverNode(id, now);
        }));
      }
      if (which.equals(shards.owned())) {
        metrics.nodesIn(NodeStatus.FAULTED, ids.size()); // this instance's share; the instances' gauges add up
      }
      return Future.all(all).mapEmpty();
    });
  }

  /** Ids indexed under {@code status} in the given shards, one shard's partition at a time in parallel. */
  private Future<List<UUID>> idsIn(NodeStatus status, Set<Integer> which) {
    List<Future<List<UUID>>> reads = new ArrayList<>();
    for (int shard : which) {
      reads.add(nodes.idsIn(status, shard));
    }
    return Future.all(reads).map(x -> {
      List<UUID> ids = new ArrayList<>();
      reads.forEach(r -> ids.addAll(r.result()));
      return ids;
    });
  }

  /**
   * A heartbeat event (EventAddresses.NODE_HEARTBEAT): a batch {@code {"heartbeats": [{"node_id",
   * "received_at", ...}, ...]}}, or a single {@code {"node_id", "received_at", ...}} as older
   * gateways send. A malformed entry is skipped, not the rest of its batch.
   */
  void onHeartbeat(JsonObject event, Instant now) {
    JsonArray batch = event.getJsonArray("heartbeats");
    if (batch == null) {
      heard(event, now);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      try {
        heard(batch.getJsonObject(i), now);
      } catch (RuntimeException e) {
        LOG.warn("Ignored a malformed heartbeat entry {}", batch.getValue(i), e);
      }
    }
  }

  private void heard(JsonObject event, Instant now) {
    UUID nodeId = UUID.fromString(event.getString("node_id"));
    if (!shards.owns(nodeId)) {
      return; // another instance's node
    }
    String at = event.getString("received_at");
    table.heard(nodeId, at == null ? now : Instant.parse(at));
    settling.remove(nodeId);
    if (faulted.remove(nodeId)) {
      statusMoves.move(nodeId, NodeStatus.FAULTED, NodeStatus.ONLINE, now)
          .onSuccess(s -> LOG.info("Node {} heartbeats again: {}", nodeId, s))
          .onFailure(t -> {
            faulted.add(nodeId);
            LOG.warn("Node {} could not be set ONLINE again; retried on its next heartbeat", nodeId, t);
          });
    }
  }

  /** Faults every node silent for the rule's limit, and recovers its work. */
  Future<Void> sweep(Instant now) {
    List<Future<Void>> all = new ArrayList<>();
    for (LivenessTable.Silent silent : table.silentAt(now)) {
      if (!shards.owns(silent.nodeId())) {
        continue; // its shard lapsed since: its next owner watches it from the stored heartbeat
      }
      all.add(confirmAndFault(silent, now).recover(t -> {
        LOG.warn("Fault check of node {} failed; checked again next tick", silent.nodeId(), t);
        table.heard(silent.nodeId(), silent.lastHeartbeat());
        return Future.succeededFuture();
      }));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> confirmAndFault(LivenessTable.Silent silent, Instant now) {
    UUID id = silent.nodeId();
    return storedLastHeartbeat(id, now).compose(stored -> {
      if (stored.isPresent() && !rule.isFaulted(stored.get(), now)) {
        table.heard(id, stored.get());
        return Future.succeededFuture();
      }
      return nodes.find(id).compose(node -> {
        if (node.isEmpty()) {
          return Future.succeededFuture();
        }
        NodeStatus status = node.get().status();
        if (status == NodeStatus.PARKED) {
          return Future.succeededFuture(); // it said it is off: silence is expected
        }
        if (!shards.owns(id)) {
          return Future.succeededFuture(); // fenced: the shard lapsed during the reads
        }
        Future<NodeStatus> moved = status == NodeStatus.FAULTED ? Future.succeededFuture(status)
            : statusMoves.move(id, status, NodeStatus.FAULTED, now);
        return moved.compose(now2 -> {
          if (now2 != NodeStatus.FAULTED) {
            table.heard(id, now); // someone moved it meanwhile: watch it afresh
            return Future.succeededFuture();
          }
          faulted.add(id);
          settling.put(id, now);
          if (status != NodeStatus.FAULTED) {
            metrics.faultDetected(); // moved by this instance, so counted once across schedulers
          }
          LOG.info("Node {} FAULTED: no heartbeat since {}", id, silent.lastHeartbeat());
          return recovery.recoverNode(id, now);
        });
      });
    });
  }

  private Future<Optional<Instant>> storedLastHeartbeat(UUID id, Instant now) {
    return heartbeats.lastHeartbeat(id, now);
  }
}
