package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.fault.FaultRule;
import org.openastro.scheduler.fault.LivenessTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault detection: heartbeats (events) feed the {@link LivenessTable}; each tick the silent
 * nodes are checked against the newest stored heartbeat (an event this instance missed must not
 * fault a live node) and moved ONLINE/BUSY → FAULTED by LWT, then their work is recovered. A
 * FAULTED node that heartbeats again is moved back to ONLINE. The table is rebuilt from
 * Cassandra (newest node_heartbeats row) on start and completed on every slow sweep, so a
 * restart or failover loses no fault. Confined to the scheduler's event loop.
 */
final class FaultWatch {
  private static final Logger LOG = LoggerFactory.getLogger(FaultWatch.class);

  private final NodeRoster nodes;
  private final NodeStatusMoves statusMoves;
  private final Heartbeats heartbeats;
  private final SchedulerMetrics metrics;
  private final FaultRule rule;
  private final LivenessTable table;
  private final Recovery recovery;
  private final Set<UUID> faulted = new HashSet<>();

  FaultWatch(NodeRoster nodes, NodeStatusMoves statusMoves, Heartbeats heartbeats, SchedulerMetrics metrics,
      FaultRule rule, Recovery recovery) {
    this.nodes = nodes;
    this.statusMoves = statusMoves;
    this.heartbeats = heartbeats;
    this.metrics = metrics;
    this.rule = rule;
    this.table = new LivenessTable(rule);
    this.recovery = recovery;
  }

  /** Watches every ONLINE/BUSY node not yet watched, from its newest stored heartbeat. */
  Future<Void> refresh(Instant now) {
    List<Future<Void>> all = new ArrayList<>();
    for (NodeStatus status : List.of(NodeStatus.ONLINE, NodeStatus.BUSY)) {
      all.add(nodes.idsIn(status).compose(ids -> {
        metrics.nodesIn(status, ids.size());
        List<Future<Void>> reads = new ArrayList<>();
        for (UUID id : ids) {
          if (!table.watches(id)) {
            reads.add(storedLastHeartbeat(id, now).compose(last -> last.isPresent() ? Future.succeededFuture(last)
                : nodes.find(id).map(n -> n.map(Node::statusChangedAt)))
                .map(last -> {
                  table.heard(id, last.orElse(now));
                  return null;
                }));
          }
        }
        return Future.all(reads).mapEmpty();
      }));
    }
    return Future.all(all).mapEmpty();
  }

  /** Resumes the recovery of every FAULTED node (finishes what a crash interrupted). */
  Future<Void> resumeRecoveries(Instant now) {
    return nodes.nodesIn(NodeStatus.FAULTED).compose(found -> {
      metrics.nodesIn(NodeStatus.FAULTED, found.size());
      List<Future<Void>> all = new ArrayList<>();
      for (Node n : found) {
        faulted.add(n.nodeId());
        all.add(recovery.recoverNode(n.nodeId(), now));
      }
      return Future.all(all).mapEmpty();
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
    String at = event.getString("received_at");
    table.heard(nodeId, at == null ? now : Instant.parse(at));
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
        Future<NodeStatus> moved = status == NodeStatus.FAULTED ? Future.succeededFuture(status)
            : statusMoves.move(id, status, NodeStatus.FAULTED, now);
        return moved.compose(now2 -> {
          if (now2 != NodeStatus.FAULTED) {
            table.heard(id, now); // someone moved it meanwhile: watch it afresh
            return Future.succeededFuture();
          }
          faulted.add(id);
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
