package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.Rows;

/**
 * Completion triggers (event + webhook) not yet delivered. Added before the mission moves to
 * COMPLETE, removed once the webhook accepted it: a crash at any point leaves the row, and the
 * next scheduler delivers it. Delivery is at least once; the payload carries the mission id.
 */
public final class CompletionOutbox {
  private final CqlSession session;
  private final PreparedStatement add;
  private final PreparedStatement published;
  private final PreparedStatement remove;
  private final PreparedStatement list;

  /** Prepares statements (blocks): build at start-up. */
  public CompletionOutbox(CqlSession session) {
    this.session = session;
    this.add = session.prepare("INSERT INTO mission_completion_outbox (bucket, mission_id, payload, event_published,"
        + " created_at) VALUES (?, ?, ?, false, ?) IF NOT EXISTS");
    this.published = session.prepare("UPDATE mission_completion_outbox SET event_published = true"
        + " WHERE bucket = ? AND mission_id = ?");
    this.remove = session.prepare("DELETE FROM mission_completion_outbox WHERE bucket = ? AND mission_id = ?");
    this.list = session.prepare("SELECT mission_id, payload, event_published FROM mission_completion_outbox"
        + " WHERE bucket = ?");
  }

  public record Entry(UUID missionId, String payload, boolean eventPublished) {}

  /** Adds the trigger once (a second add keeps the first payload). */
  public Future<Void> add(UUID missionId, String payload, Instant now) {
    return Statements.run(session, add.bind(Buckets.of(missionId), missionId, payload, now)).mapEmpty();
  }

  public Future<Void> markPublished(UUID missionId) {
    return Statements.run(session, published.bind(Buckets.of(missionId), missionId)).mapEmpty();
  }

  public Future<Void> remove(UUID missionId) {
    return Statements.run(session, remove.bind(Buckets.of(missionId), missionId)).mapEmpty();
  }

  public Future<List<Entry>> all() {
    List<Future<List<Entry>>> buckets = new ArrayList<>();
    for (int b = 0; b < Buckets.COUNT; b++) {
      buckets.add(Statements.run(session, list.bind(b)).compose(rs -> Rows.all(rs,
          r -> new Entry(r.getUuid(0), r.getString(1), r.getBoolean(2)))));
    }
    return Future.all(buckets).map(all -> {
      List<Entry> out = new ArrayList<>();
      for (int i = 0; i < buckets.size(); i++) {
        out.addAll(all.<List<Entry>>resultAt(i));
      }
      return out;
    });
  }
}
