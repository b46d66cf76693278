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
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;

/**
 * The per-node, per-UTC-day heartbeat history (node_heartbeats). Liveness is the newest row, so
 * recording a heartbeat is the whole hot path: one insert, never a read and never an LWT.
 *
 * <p>Inserts can be written one by one ({@link #record}) or several in one unlogged batch
 * ({@link #insertOf} then {@link #write}). A batch is only cheaper when its coordinator holds every
 * partition in it; {@link Insert#replicas()} tells which inserts may share a batch.
 */
public final class HeartbeatHistory {
  private static final long SECONDS_PER_DAY = 86_400;
  private final CqlSession session;
  private final int ttlSeconds;
  private final PreparedStatement insert;
  private final PreparedStatement newest;
  private final PreparedStatement day;
  private final CqlIdentifier keyspace;

  /** Prepares statements (blocks): build at start-up. */
  public HeartbeatHistory(CqlSession session, Duration ttl) {
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
    this.newest = session.prepare("SELECT received_at FROM node_heartbeats WHERE node_id = ? AND day = ? LIMIT 1");
    this.day = session.prepare("SELECT received_at, source, status, current_task_id, telemetry"
        + " FROM node_heartbeats WHERE node_id = ? AND day = ?");
  }

  /** Writes one history row (LOCAL_QUORUM, idempotent: see the constructor). */
  public Future<Void> record(HeartbeatRow row) {
    return write(List.of(insertOf(row)));
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
        .set(1, dayOf(row.receivedAt()), TypeCodecs.DATE)
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

  /** The newest heartbeat of the node, looking at today's and yesterday's partitions (UTC). */
  public Future<Optional<Instant>> lastHeartbeat(UUID nodeId, Instant now) {
    LocalDate today = dayOf(now);
    return newestOn(nodeId, today).compose(found -> found.isPresent()
        ? Future.succeededFuture(found) : newestOn(nodeId, today.minusDays(1)));
  }

  /** Every row of one node and UTC day, newest first (operators, tests, the benchmark's check). */
  public Future<List<HeartbeatRow>> rowsOf(UUID nodeId, LocalDate utcDay) {
    return VertxFutures.onCallerContext(session.executeAsync(day.bind(nodeId, utcDay)))
        .compose(rs -> Rows.all(rs, r -> new HeartbeatRow(nodeId, r.getInstant("received_at"),
            r.getString("source"), r.getString("status"), r.getUuid("current_task_id"), r.getString("telemetry"))));
  }

  private Future<Optional<Instant>> newestOn(UUID nodeId, LocalDate utcDay) {
    return VertxFutures.onCallerContext(session.executeAsync(newest.bind(nodeId, utcDay)))
        .map(rs -> Optional.ofNullable(rs.one()).map((Row r) -> r.getInstant(0)));
  }

  public static LocalDate dayOf(Instant at) {
    return LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY));
  }

  /** One heartbeat as stored; {@code status} null = "unchanged", {@code telemetry} is compact JSON or null. */
  public record HeartbeatRow(UUID nodeId, Instant receivedAt, String source, String status,
      UUID currentTaskId, String telemetry) {
    /**
     * About what the row adds to a batch's size as Cassandra measures it against
     * batch_size_warn_threshold: values plus per-cell timestamp/TTL overhead (an estimate; text
     * counted one byte per char).
     */
    public int estimatedBytes() {
      return 96 + source.length() + (status == null ? 0 : status.length()) + (currentTaskId == null ? 0 : 32)
          + (telemetry == null ? 0 : 16 + telemetry.length());
    }
  }

  /** A bound insert, the replicas holding its partition, and its estimated size. */
  public record Insert(BoundStatement statement, Object replicas, int bytes) {}
}
