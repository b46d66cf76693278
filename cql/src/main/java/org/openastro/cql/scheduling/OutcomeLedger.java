package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.Rows;

/**
 * Task outcomes per node (node_task_outcomes) and the ReliabilityScore stored on the node. An
 * outcome is counted once: {@link #claim} is an {@code INSERT ... IF NOT EXISTS} per task, and
 * only its winner writes the outcome row.
 */
public final class OutcomeLedger {
  private final CqlSession session;
  private final PreparedStatement claim;
  private final PreparedStatement insert;
  private final PreparedStatement recent;
  private final PreparedStatement score;

  /** Prepares statements (blocks): build at start-up. */
  public OutcomeLedger(CqlSession session) {
    this.session = session;
    this.claim = session.prepare("INSERT INTO task_outcome_claims (task_id, node_id, outcome, claimed_at)"
        + " VALUES (?, ?, ?, ?) IF NOT EXISTS");
    this.insert = session.prepare("INSERT INTO node_task_outcomes (node_id, finished_at, task_id, outcome,"
        + " exposure_delivered_s) VALUES (?, ?, ?, ?, ?)");
    this.recent = session.prepare("SELECT outcome FROM node_task_outcomes WHERE node_id = ? LIMIT ?");
    this.score = session.prepare("UPDATE nodes SET reliability_score = ? WHERE node_id = ?");
  }

  /** Records the outcome unless already counted; true when this call counted it. */
  public Future<Boolean> record(UUID nodeId, UUID taskId, String outcome, double deliveredS, Instant at) {
    return Statements.run(session, claim.bind(taskId, nodeId, outcome, at)).map(AsyncResultSet::wasApplied)
        .compose(first -> !first ? Future.succeededFuture(false)
            : Statements.run(session, insert.bind(nodeId, at, taskId, outcome, deliveredS)).map(true));
  }

  /** The node's newest outcomes, newest first. */
  public Future<List<String>> recent(UUID nodeId, int limit) {
    return Statements.run(session, recent.bind(nodeId, limit)).compose(rs -> Rows.all(rs, r -> r.getString(0)));
  }

  public Future<Void> storeScore(UUID nodeId, double reliability) {
    return Statements.run(session, score.bind(reliability, nodeId)).mapEmpty();
  }
}
