package org.openastro.cql.node;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.Created;
import org.openastro.cql.IdempotentCreate;
import org.openastro.cql.VertxFutures;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;

/**
 * Nodes: registration (idempotent for client-minted ids) and lookup. Statements are prepared
 * once, in the constructor, which therefore blocks: build repositories at start-up.
 */
public final class NodeRepository {
  private final CqlSession session;
  private final PreparedStatement insertIfAbsent;
  private final PreparedStatement insertByStatus;
  private final PreparedStatement selectById;
  private final IdempotentCreate<Node> create;
  private final PreparedStatement updateHorizon;

  public NodeRepository(CqlSession session) {
    this.session = session;
    // LWT: two registrations of the same client-minted id can race; exactly one creates it.
    this.insertIfAbsent = session.prepare("INSERT INTO nodes (node_id, status, lat, lon, elevation_m,"
        + " aperture_mm, fov_deg, filters, mount_type, control_protocol, reliability_score,"
        + " current_task_id, secret_hash, registration_fingerprint, registered_at, status_changed_at"
        + ", horizon"
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
        + ", ?"
        + ") IF NOT EXISTS");
    this.updateHorizon = session.prepare("UPDATE nodes SET horizon = ? WHERE node_id = ?");
    this.insertByStatus = session.prepare(
        "INSERT INTO nodes_by_status (status, bucket, node_id) VALUES (?, ?, ?)");
    this.selectById = session.prepare("SELECT * FROM nodes WHERE node_id = ?");
    this.create = new IdempotentCreate<>(session, "node_id", "registration_fingerprint", NodeRows::from,
        stored -> insertByStatus.bind(stored.status().name(), Buckets.of(stored.nodeId()), stored.nodeId()));
  }

  /**
   * Stores a new node. The same id with the same registration again returns the stored node
   * ({@code created = false}); with a different registration it fails with {@link IdConflictException}.
   */
  public Future<Created<Node>> register(Node node) {
    return create.run(insertIfAbsent.bind(
            node.nodeId(), node.status().name(), node.lat(), node.lon(), node.elevationM(),
            node.apertureMm(), node.fovDeg(), node.filters(), node.mountType().name(),
            node.controlProtocol().name(), node.reliabilityScore(), node.currentTaskId(),
            node.secretHash(), node.registrationFingerprint(), node.registeredAt(),
            node.statusChangedAt(),
            horizonValue(node.horizon())), node, node.nodeId(),
        node.registrationFingerprint());
  }

  public Future<Optional<Node>> find(UUID nodeId) {
    return VertxFutures.onCallerContext(session.executeAsync(selectById.bind(nodeId)))
        .map(AsyncResultSet::one)
        .map(row -> Optional.ofNullable(row).map(NodeRows::from));
  }

  /** Replaces the node's horizon mask (empty = none); the caller checked that the node exists. */
  public Future<Void> updateHorizon(UUID nodeId, List<HorizonPoint> horizon) {
    return VertxFutures.onCallerContext(session.executeAsync(updateHorizon.bind(horizonValue(horizon), nodeId)))
        .mapEmpty();
  }

  private static final TupleType POINT = DataTypes.tupleOf(DataTypes.DOUBLE, DataTypes.DOUBLE);

  private static List<TupleValue> horizonValue(List<HorizonPoint> horizon) {
    return horizon.isEmpty() ? null
        : horizon.stream().map(p -> POINT.newValue(p.azDeg(), p.altDeg())).toList();
  }

  static List<HorizonPoint> horizonOf(Row row) {
    if (row.isNull("horizon")) {
      return List.of();
    }
    return row.getList("horizon", TupleValue.class).stream()
        .map(t -> new HorizonPoint(t.getDouble(0), t.getDouble(1))).toList();
  }

  /** Maps rows of the nodes table. */
  static final class NodeRows {
    private NodeRows() {}

    static Node from(Row row) {
      return new Node(
          row.getUuid("node_id"),
          NodeStatus.valueOf(row.getString("status")),
          row.getDouble("lat"),
          row.getDouble("lon"),
          row.getDouble("elevation_m"),
          row.getDouble("aperture_mm"),
          row.getDouble("fov_deg"),
          row.getSet("filters", String.class),
          MountType.valueOf(row.getString("mount_type")),
          ControlProtocol.valueOf(row.getString("control_protocol")),
          row.getDouble("reliability_score"),
          row.getUuid("current_task_id"),
          row.getString("secret_hash"),
          row.getInstant("registered_at"),
          row.getInstant("status_changed_at"),
          horizonOf(row));
    }
  }
}
