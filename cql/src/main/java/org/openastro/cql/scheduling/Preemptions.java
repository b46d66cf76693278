package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Preemption decisions and the claim swap, both LWT. A decision is one row per RAPID_RESPONSE task
 * in task_preemptions ({@code INSERT ... IF NOT EXISTS}): of two schedulers preempting for the same
 * task exactly one decides, and the loser reads the winner's decision. The swap moves the node's
 * claim from the interrupted task to the RAPID_RESPONSE task ({@code IF current_task_id = <interrupted>}),
 * so a node is preempted once: a second preemption of it finds its claim changed and gives up. A
 * decision whose maker died is taken over by compare-and-set on its maker and time, so of two
 * survivors exactly one carries it out.
 */
public final class Preemptions {
  private final CqlSession session;
  private final PreparedStatement decide;
  private final PreparedStatement abandon;
  private final PreparedStatement swap;
  private final PreparedStatement select;
  private final PreparedStatement takeOver;

  /** A decision as stored; {@code decidedBy} names the scheduler process that made it (null on older rows). */
  public record Decision(UUID preemptingTaskId, UUID nodeId, UUID preemptedTaskId, Instant decidedAt, UUID decidedBy) {}

  /** The stored decision and whether this call made it. */
  public record Outcome(boolean applied, Decision decision) {}

  /** Prepares statements (blocks): build at start-up. */
  public Preemptions(CqlSession session) {
    this.session = session;
    this.decide = session.prepare("INSERT INTO task_preemptions (preempting_task_id, node_id, preempted_task_id,"
        + " decided_at, decided_by) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS");
    this.abandon = session.prepare("DELETE FROM task_preemptions WHERE preempting_task_id = ? IF node_id = ?");
    this.select = session.prepare("SELECT node_id, preempted_task_id, decided_at, decided_by FROM task_preemptions"
        + " WHERE preempting_task_id = ?");
    this.takeOver = session.prepare("UPDATE task_preemptions SET decided_at = ?, decided_by = ?"
        + " WHERE preempting_task_id = ? IF decided_at = ? AND decided_by = ?");
    this.swap = session.prepare("UPDATE nodes SET current_task_id = ? WHERE node_id = ? IF current_task_id = ?");
  }

  public Future<Outcome> decide(Decision d) {
    return Statements.run(session, decide.bind(d.preemptingTaskId(), d.nodeId(), d.preemptedTaskId(), d.decidedAt(),
            d.decidedBy()))
        .map(rs -> {
          if (rs.wasApplied()) {
            return new Outcome(true, d);
          }
          Row row = rs.one();
          return new Outcome(false, new Decision(d.preemptingTaskId(), row.getUuid("node_id"),
              row.getUuid("preempted_task_id"), row.getInstant("decided_at"), row.getUuid("decided_by")));
        });
  }

  /** The decision stored for a RAPID_RESPONSE task, if any. */
  public Future<Optional<Decision>> find(UUID preemptingTaskId) {
    return Statements.run(session, select.bind(preemptingTaskId)).map(rs -> Optional.ofNullable(rs.one())
        .map(row -> new Decision(preemptingTaskId, row.getUuid("node_id"), row.getUuid("preempted_task_id"),
            row.getInstant("decided_at"), row.getUuid("decided_by"))));
  }

  /** Forgets a decision that could not be carried out (its node's claim moved on), so the task may try again. */
  public Future<Void> abandon(UUID preemptingTaskId, UUID nodeId) {
    return Statements.run(session, abandon.bind(preemptingTaskId, nodeId)).mapEmpty();
  }

  /**
   * Makes {@code stale} (as read) the decision of {@code by} at {@code at}: true when this call did,
   * false when another process took it over first or it was abandoned.
   */
  public Future<Boolean> takeOver(Decision stale, Instant at, UUID by) {
    return Statements.run(session, takeOver.bind(at, by, stale.preemptingTaskId(), stale.decidedAt(),
        stale.decidedBy())).map(AsyncResultSet::wasApplied);
  }

  /** True when the node held {@code from} and now holds {@code to}. */
  public Future<Boolean> swapClaim(UUID nodeId, UUID from, UUID to) {
    return Statements.run(session, swap.bind(to, nodeId, from)).map(AsyncResultSet::wasApplied);
  }
}
