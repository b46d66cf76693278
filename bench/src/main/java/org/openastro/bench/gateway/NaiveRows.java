package org.openastro.bench.gateway;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.ingest.HeartbeatRow;

/**
 * The naive writer's rows for one heartbeat, the baseline every ingest figure is compared with:
 * the history row (the gateway's own insert, {@link HeartbeatHistoryWriter#insertOf}: same statement,
 * TTL, absent values unset) plus one node-state upsert {@code UPDATE nodes SET last_heartbeat = ?,
 * status = ?}, both prepared, LOCAL_QUORUM, sent together. One class for the {@code baseline} phase's
 * writer and the {@code peer} phase's bridge, so the two write exactly the same rows.
 */
final class NaiveRows {
  private final CqlSession session;
  private final HeartbeatHistoryWriter history;
  private final PreparedStatement state;

  /** Prepares the statements (blocks); the keyspace needs {@link #addLivenessColumn} first. */
  NaiveRows(CqlSession session, Duration historyTtl) {
    this.session = session;
    this.history = new HeartbeatHistoryWriter(session, historyTtl);
    this.state = session.prepare(SimpleStatement.builder(
            "UPDATE nodes SET last_heartbeat = ?, status = ? WHERE node_id = ?")
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setIdempotence(true).build());
  }

  /**
   * The liveness column a naive design keeps on the node's row (the gateway's schema has none:
   * there liveness is the newest history row), added to the session's keyspace once.
   */
  static void addLivenessColumn(CqlSession session) {
    session.execute("ALTER TABLE nodes ADD last_heartbeat timestamp");
  }

  /** Writes both rows; completes when Cassandra acknowledged both. */
  CompletableFuture<Void> write(HeartbeatRow row) {
    CompletableFuture<?> historyRow = session.executeAsync(history.insertOf(row).statement()).toCompletableFuture();
    BoundStatementBuilder upsert = state.boundStatementBuilder()
        .set(0, row.receivedAt(), TypeCodecs.TIMESTAMP)
        .set(2, row.nodeId(), TypeCodecs.UUID);
    if (row.status() != null) {
      upsert.set(1, row.status(), TypeCodecs.TEXT); // "unchanged" leaves the column alone, no tombstone
    }
    CompletableFuture<?> stateRow = session.executeAsync(upsert.build()).toCompletableFuture();
    return CompletableFuture.allOf(historyRow, stateRow);
  }
}
