package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;

/**
 * The nodes table in memory, with the conditions of the real compare-and-sets: a claim only of an
 * ONLINE node holding nothing, a release only by the task held, a status move only from the
 * status expected (clearing the claim). Stored heartbeats are set by the test.
 */
final class FakeFleet implements NodeRoster, Claims, NodeStatusMoves, Heartbeats {
  final Interleavings races = new Interleavings();
  private final Map<UUID, Node> rows = new LinkedHashMap<>();
  private final Map<UUID, Instant> storedHeartbeats = new HashMap<>();

  UUID add(NodeStatus status) {
    return add(UUID.randomUUID(), status);
  }

  UUID add(UUID id, NodeStatus status) {
    rows.put(id, RunFixtures.node(id, status));
    return id;
  }

  /** A node as {@link #add(NodeStatus)}, with its own reliability score. */
  UUID add(NodeStatus status, double reliability) {
    Node n = RunFixtures.node(UUID.randomUUID(), status);
    rows.put(n.nodeId(), new Node(n.nodeId(), status, n.lat(), n.lon(), n.elevationM(), n.apertureMm(), n.fovDeg(),
        n.filters(), n.mountType(), n.controlProtocol(), reliability, null, n.secretHash(), n.registeredAt(),
        n.statusChangedAt()));
    return n.nodeId();
  }

  Node row(UUID id) {
    return rows.get(id);
  }

  NodeStatus status(UUID id) {
    return rows.get(id).status();
  }

  UUID claimOf(UUID id) {
    return rows.get(id).currentTaskId();
  }

  /** A heartbeat as the gateway stored it (seen by every scheduler instance). */
  void storeHeartbeat(UUID id, Instant at) {
    storedHeartbeats.put(id, at);
  }

  /** Another writer (a node's report, another scheduler) sets the row. */
  void set(UUID id, NodeStatus status, UUID currentTaskId, Instant at) {
    Node n = rows.get(id);
    rows.put(id, new Node(n.nodeId(), status, n.lat(), n.lon(), n.elevationM(), n.apertureMm(), n.fovDeg(),
        n.filters(), n.mountType(), n.controlProtocol(), n.reliabilityScore(), currentTaskId, n.secretHash(),
        n.registeredAt(), at));
  }

  @Override
  public Future<Optional<Node>> find(UUID nodeId) {
    return races.run("findNode", () -> Optional.ofNullable(rows.get(nodeId)));
  }

  @Override
  public Future<List<UUID>> idsIn(NodeStatus status) {
    return races.run("idsIn", () -> rows.values().stream().filter(n -> n.status() == status).map(Node::nodeId)
        .toList());
  }

  @Override
  public Future<List<UUID>> idsIn(NodeStatus status, int shard) {
    return races.run("idsIn", () -> rows.values().stream()
        .filter(n -> n.status() == status && org.openastro.cql.Buckets.of(n.nodeId()) == shard).map(Node::nodeId)
        .toList());
  }

  @Override
  public Future<List<Node>> nodesIn(NodeStatus status) {
    return races.run("nodesIn", () -> rows.values().stream().filter(n -> n.status() == status).toList());
  }

  @Override
  public Future<Boolean> claim(UUID nodeId, UUID taskId) {
    return races.run("claim", () -> {
      Node n = rows.get(nodeId);
      if (n == null || n.status() != NodeStatus.ONLINE || n.currentTaskId() != null) {
        return false;
      }
      set(nodeId, n.status(), taskId, n.statusChangedAt());
      return true;
    });
  }

  @Override
  public Future<Boolean> release(UUID nodeId, UUID taskId) {
    return races.run("release", () -> {
      Node n = rows.get(nodeId);
      if (n == null || !taskId.equals(n.currentTaskId())) {
        return false;
      }
      set(nodeId, n.status(), null, n.statusChangedAt());
      return true;
    });
  }

  @Override
  public Future<NodeStatus> move(UUID nodeId, NodeStatus expected, NodeStatus next, Instant at) {
    return races.run("moveStatus", () -> {
      Node n = rows.get(nodeId);
      if (n.status() != expected) {
        return n.status();
      }
      set(nodeId, next, null, at);
      return next;
    });
  }

  @Override
  public Future<Optional<Instant>> lastHeartbeat(UUID nodeId, Instant now) {
    return races.run("lastHeartbeat", () -> Optional.ofNullable(storedHeartbeats.get(nodeId)));
  }
}
