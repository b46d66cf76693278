package org.openastro.alerts;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.openastro.cql.VertxFutures;

/**
 * {@link PointingLog} over {@code alert_pointings}: one partition per event, so the rows of one
 * tiling go in one unlogged single-partition batch (atomic and isolated on a replica); LOCAL_QUORUM
 * both ways, so a retraction handled by another process reads what a creation wrote.
 */
final class CqlPointingLog implements PointingLog {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  /** Prepares statements (blocks): build at start-up. */
  CqlPointingLog(CqlSession session) {
    this.session = session;
    this.insert = session.prepare("INSERT INTO alert_pointings (alert_source_id, rank, mission_id) VALUES (?, ?, ?)");
    this.select = session.prepare("SELECT rank, mission_id FROM alert_pointings WHERE alert_source_id = ?");
  }

  @Override
  public Future<Void> record(String alertSourceId, List<Entry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    BatchStatement batch = BatchStatement.newInstance(BatchType.UNLOGGED)
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM);
    for (Entry e : entries) {
      batch = batch.add(insert.bind(alertSourceId, e.rank(), e.missionId()));
    }
    return VertxFutures.onCallerContext(session.executeAsync(batch)).mapEmpty();
  }

  @Override
  public Future<List<Entry>> list(String alertSourceId) {
    return VertxFutures.onCallerContext(session.executeAsync(select.bind(alertSourceId)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> {
          // One partition of at most ALERT_TILING_MAX_POINTINGS rows: the first page holds them all.
          List<Entry> out = new ArrayList<>();
          rs.currentPage().forEach(row -> out.add(new Entry(row.getInt("rank"), row.getUuid("mission_id"))));
          return out;
        });
  }
}
