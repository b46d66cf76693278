package org.openastro.alerts;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.VertxFutures;

/**
 * {@link RetractionLog} over the {@code alert_retractions} table. Writes and reads at LOCAL_QUORUM,
 * so a retraction recorded by one process is seen by the next notice another process reads.
 */
final class CqlRetractionLog implements RetractionLog {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  /** Prepares statements (blocks): build at start-up. */
  CqlRetractionLog(CqlSession session) {
    this.session = session;
    this.insert = session.prepare("INSERT INTO alert_retractions (alert_source_id, mission_id, format, notice_type,"
        + " issued_at, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    this.select = session.prepare("SELECT alert_source_id FROM alert_retractions WHERE alert_source_id = ?");
  }

  @Override
  public Future<Void> record(Retraction r, UUID cancelled, String by, Instant at) {
    return VertxFutures.onCallerContext(session.executeAsync(insert.bind(r.alertSourceId(), cancelled,
            r.format().wireName(), r.noticeType(), r.issuedAt(), at, by)
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))).mapEmpty();
  }

  @Override
  public Future<Boolean> isRetracted(String alertSourceId) {
    return VertxFutures.onCallerContext(session.executeAsync(select.bind(alertSourceId)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> rs.one() != null);
  }
}
