package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.mission.AlertLocalization;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;

/**
 * Mission status moves (LWT {@code IF status = <expected>}, then the by-status index in a logged
 * batch), progress, an alert mission's move to a newer localization, and the planning lease that keeps two schedulers from splitting the same
 * mission into tasks at the same time.
 */
public final class MissionStates {
  private final CqlSession session;
  private final PreparedStatement move;
  private final PreparedStatement progress;
  private final PreparedStatement unindex;
  private final PreparedStatement index;
  private final PreparedStatement lease;
  private final PreparedStatement unlease;
  private final PreparedStatement relocate;

  /** Prepares statements (blocks): build at start-up. */
  public MissionStates(CqlSession session) {
    this.session = session;
    this.move = session.prepare("UPDATE missions SET status = ?, total_exposure_completed_s = ? WHERE mission_id = ?"
        + " IF status = ?");
    this.progress = session.prepare("UPDATE missions SET total_exposure_completed_s = ? WHERE mission_id = ?"
        + " IF status = ?");
    this.unindex = session.prepare("DELETE FROM missions_by_status WHERE status = ? AND bucket = ? AND priority = ?"
        + " AND mission_id = ?");
    this.index = session.prepare("INSERT INTO missions_by_status (status, bucket, priority, mission_id,"
        + " time_constraint_end, science_case) VALUES (?, ?, ?, ?, ?, ?)");
    this.lease = session.prepare("INSERT INTO mission_planning_leases (mission_id, holder, acquired_at)"
        + " VALUES (?, ?, ?) IF NOT EXISTS USING TTL ?");
    this.unlease = session.prepare("DELETE FROM mission_planning_leases WHERE mission_id = ? IF holder = ?");
    this.relocate = session.prepare("UPDATE missions SET target_ra = ?, target_dec = ?, alert_error_radius_deg = ?,"
        + " alert_notice_at = ?, alert_relocated_at = ?, alert_pointing_rank = ?,"
        + " alert_pointing_probability = ? WHERE mission_id = ?"
        + " IF status IN ('PENDING', 'IN_PROGRESS') AND alert_notice_at = ?");
  }

  /**
   * Moves an open alert mission to {@code next}'s target and localization, if it is still open and
   * still holds the localization of {@code expected}'s notice (an LWT on the notice time read, so of
   * two notices applied at once the one decided on stale data fails and its caller reads again).
   * True when this call moved it. The by-status index holds no target: nothing else to write.
   */
  public Future<Boolean> relocate(Mission expected, Mission next) {
    AlertLocalization l = next.alertLocalization();
    return Statements.run(session, relocate.bind(next.targetRa(), next.targetDec(), l.errorRadiusDeg(),
            l.noticeAt(), l.relocatedAt(), l.pointingRank(), l.pointingProbability(), expected.missionId(),
            expected.alertLocalization().noticeAt()))
        .map(AsyncResultSet::wasApplied);
  }

  /** Moves {@code m} from its status to {@code next} with its completed exposure; true when this call did. */
  public Future<Boolean> move(Mission m, MissionStatus next, double completedS) {
    return Statements.run(session, move.bind(next.name(), completedS, m.missionId(), m.status().name()))
        .compose(rs -> !rs.wasApplied() ? Future.succeededFuture(false)
            : Statements.logged(session,
                unindex.bind(m.status().name(), Buckets.of(m.missionId()), m.priority(), m.missionId()),
                index.bind(next.name(), Buckets.of(m.missionId()), m.priority(), m.missionId(), m.timeConstraintEnd(),
                    m.scienceCase().name())).map(true));
  }

  /** Re-writes the index row of the mission's stored status (heals a crash after a move). */
  public Future<Void> healIndex(Mission m, MissionStatus staleStatus) {
    return Statements.logged(session,
        unindex.bind(staleStatus.name(), Buckets.of(m.missionId()), m.priority(), m.missionId()),
        index.bind(m.status().name(), Buckets.of(m.missionId()), m.priority(), m.missionId(), m.timeConstraintEnd(),
            m.scienceCase().name()));
  }

  /** Stores completed exposure while the mission is still in {@code status} (never after it closed). */
  public Future<Void> recordProgress(Mission m, double completedS) {
    return Statements.run(session, progress.bind(completedS, m.missionId(), m.status().name())).mapEmpty();
  }

  /** Takes the mission's planning lease for {@code ttl}; true when {@code holder} has it now. */
  public Future<Boolean> lease(UUID missionId, UUID holder, Duration ttl, Instant now) {
    return Statements.run(session, lease.bind(missionId, holder, now, (int) Math.max(1, ttl.toSeconds())))
        .map(AsyncResultSet::wasApplied);
  }

  public Future<Void> releaseLease(UUID missionId, UUID holder) {
    return Statements.run(session, unlease.bind(missionId, holder)).mapEmpty();
  }
}
