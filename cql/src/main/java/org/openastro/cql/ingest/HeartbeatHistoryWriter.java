package org.openastro.cql.ingest;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import org.openastro.cql.VertxFutures;

/**
 * Writes the per-node, per-UTC-day heartbeat history (node_heartbeats): the gateway's side of the
 * table ({@link HeartbeatHistoryReader} is the scheduler's). Liveness is the newest row, so
 * recording a heartbeat is the whole hot path: one insert, never a read and never an LWT.
 *
 * <p>Inserts are bound with {@link #insertOf}, then written alone or several in one unlogged batch
 * with {@link #write}. A batch is only cheaper when its coordinator holds every
 * partition in it; {@link Insert#replicas()} tells which inserts may share a batch.
 */
public final class HeartbeatHistoryWriter {
  private final CqlSession session;
  private final int ttlSeconds;
  private final PreparedStatement insert;
  private final CqlIdentifier keyspace;

  /** Prepares statements (blocks): build at start-up. */
  public HeartbeatHistoryWriter(CqlSession session, Duration ttl) {
    this.session = session;
    this.ttlSeconds = (int) Math.min(Integer.MAX_VALUE, ttl.toSeconds());
    // LOCAL_QUORUM: the caller acknowledges the report to the node after the insert succeeds, so it
    // must survive the loss of one replica. Idempotent (same key, same values), so the driver may
    // retry it. Set here, every bound insert inherits both without copying itself per setting.
    this.insert = session.prepare(SimpleStatement.builder("INSERT INTO node_heartbeats (node_id, day, received_at,"
            + " source, status, current_task_id, telemetry) VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?")
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
        .setIdempotence(true)
        .build());
    this.keyspace = insert.getVariableDefinitions().get(0).getKeyspace();
  }

  /**
   * Binds the insert of one row. The hot path of every heartbeat, so values are set with their
   * codecs (no codec-registry lookups) and an absent value (status, current task, telemetry) is
   * left unset rather than bound to null: a null would write a tombstone cell, which Cassandra
   * stores, compacts and reads past for nothing, since every row is new (received_at is unique per
   * node).
   */
  public Insert insertOf(HeartbeatRow row) {
    BoundStatementBuilder b = insert.boundStatementBuilder()
        .set(0, row.nodeId(), TypeCodecs.UUID)
        .set(1, HeartbeatRow.dayOf(row.receivedAt()), TypeCodecs.DATE)
        .set(2, row.receivedAt(), TypeCodecs.TIMESTAMP)
        .set(3, row.source(), TypeCodecs.TEXT)
        .set(7, ttlSeconds, TypeCodecs.INT);
    if (row.status() != null) {
      b.set(4, row.status(), TypeCodecs.TEXT);
    }
    if (row.currentTaskId() != null) {
      b.set(5, row.currentTaskId(), TypeCodecs.UUID);
    }
    if (row.telemetry() != null) {
      b.set(6, row.telemetry(), TypeCodecs.TEXT);
    }
    BoundStatement statement = b.build();
    return new Insert(statement, replicasOf(statement), row.estimatedBytes());
  }

  /**
   * Writes the inserts: one alone as itself, several as one UNLOGGED batch. Unlogged because each
   * row is independent (no atomicity wanted, so no batch log write); LOCAL_QUORUM and idempotent
   * like a single insert. The caller keeps batches small (Cassandra warns past 10 partitions or
   * 5 KiB by default) and gives one batch only inserts with the same {@link Insert#replicas()}.
   */
  public Future<Void> write(List<Insert> inserts) {
    if (inserts.size() == 1) {
      return VertxFutures.onCallerContext(session.executeAsync(inserts.get(0).statement())).mapEmpty();
    }
    BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED)
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
        .setIdempotence(true);
    for (Insert insert : inserts) {
      batch.addStatement(insert.statement());
    }
    return VertxFutures.onCallerContext(session.executeAsync(batch.build())).mapEmpty();
  }

  /**
   * The nodes holding the statement's partition, from the driver's token map: inserts with equal
   * replicas can share a batch whose coordinator (the driver routes a batch by its first statement)
   * then writes every row locally. Without token metadata every insert answers {@link #ANY_REPLICAS}.
   */
  private Object replicasOf(BoundStatement statement) {
    var tokenMap = session.getMetadata().getTokenMap();
    if (tokenMap.isEmpty() || keyspace == null) {
      return ANY_REPLICAS;
    }
    var replicas = tokenMap.get().getReplicas(keyspace, statement.getRoutingKey());
    return replicas.isEmpty() ? ANY_REPLICAS : replicas;
  }

  /** The replicas of an insert whose placement is unknown: all such inserts share batches. */
  public static final Object ANY_REPLICAS = "any replicas";

  /** A bound insert, the replicas holding its partition, and its estimated size. */
  public record Insert(BoundStatement statement, Object replicas, int bytes) {}
}
