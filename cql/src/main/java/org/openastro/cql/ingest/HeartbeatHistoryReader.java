package org.openastro.cql.ingest;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;

/**
 * Reads the heartbeat history (node_heartbeats): a node's liveness is its newest row. The
 * scheduler's side of the table; the gateway writes it with {@link HeartbeatHistoryWriter}.
 */
public final class HeartbeatHistoryReader {
  private final CqlSession session;
  private final PreparedStatement newest;
  private final PreparedStatement day;

  /** Prepares statements (blocks): build at start-up. */
  public HeartbeatHistoryReader(CqlSession session) {
    this.session = session;
    this.newest = session.prepare("SELECT received_at FROM node_heartbeats WHERE node_id = ? AND day = ? LIMIT 1");
    this.day = session.prepare("SELECT received_at, source, status, current_task_id, telemetry"
        + " FROM node_heartbeats WHERE node_id = ? AND day = ?");
  }

  /** The newest heartbeat of the node, looking at today's and yesterday's partitions (UTC). */
  public Future<Optional<Instant>> lastHeartbeat(UUID nodeId, Instant now) {
    LocalDate today = HeartbeatRow.dayOf(now);
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

}
