package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.Rows;

/** Reads the assignment queue (pending_tasks): the most urgent entries over all 16 buckets. */
public final class PendingQueue {
  private final CqlSession session;
  private final PreparedStatement head;

  /** Prepares statements (blocks): build at start-up. */
  public PendingQueue(CqlSession session) {
    this.session = session;
    this.head = session.prepare("SELECT priority, deadline, task_id, mission_id FROM pending_tasks"
        + " WHERE bucket = ? LIMIT ?");
  }

  /** One queue row: a hint that the task is PENDING and unassigned (the tasks row decides). */
  public record Entry(int priority, Instant deadline, UUID taskId, UUID missionId) {}

  private static final Comparator<Entry> URGENCY = Comparator.comparingInt(Entry::priority).reversed()
      .thenComparing(Entry::deadline).thenComparing(Entry::taskId);

  /** Up to {@code limit} entries, highest priority first, then earliest deadline. */
  public Future<List<Entry>> head(int limit) {
    List<Future<List<Entry>>> buckets = new ArrayList<>();
    for (int b = 0; b < Buckets.COUNT; b++) {
      buckets.add(Statements.run(session, head.bind(b, limit)).compose(rs -> Rows.all(rs,
          r -> new Entry(r.getInt("priority"), r.getInstant("deadline"), r.getUuid("task_id"), r.getUuid("mission_id")))));
    }
    return Future.all(buckets).map(all -> {
      List<Entry> merged = new ArrayList<>();
      for (int i = 0; i < buckets.size(); i++) {
        merged.addAll(all.<List<Entry>>resultAt(i));
      }
      merged.sort(URGENCY);
      return merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged;
    });
  }
}
