package org.openastro.cql.mission;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;
import org.openastro.domain.MissionStatus;

/**
 * Pages of missions_by_status in one stable order: priority (high first), then bucket, then the
 * mission id as Cassandra orders it within a bucket. A page ends at a {@link Cursor} (the last row
 * handed out), and the next page reads, per bucket, only what comes after it, so a page costs 16
 * small slices (32 for the cursor's own bucket) however deep it is. Ids only: the index is a hint,
 * the caller reads the rows and leaves out missions that moved on.
 */
public final class MissionPages {
  private final CqlSession session;
  private final PreparedStatement first;
  private final PreparedStatement below;
  private final PreparedStatement atOrBelow;
  private final PreparedStatement samePriorityAfter;

  /** Prepares statements (blocks): build at start-up. */
  public MissionPages(CqlSession session) {
    this.session = session;
    String select = "SELECT priority, mission_id FROM missions_by_status WHERE status = ? AND bucket = ?";
    this.first = session.prepare(select + " LIMIT ?");
    this.below = session.prepare(select + " AND priority < ? LIMIT ?");
    this.atOrBelow = session.prepare(select + " AND priority <= ? LIMIT ?");
    this.samePriorityAfter = session.prepare(select + " AND priority = ? AND mission_id > ? LIMIT ?");
  }

  /** Where a page ended: the last row handed out. */
  public record Cursor(int priority, int bucket, UUID missionId) {}

  /** Up to {@code limit} ids after {@code after} (null: from the start); {@code next} null on the last page. */
  public record Page(List<UUID> ids, Cursor next) {}

  private record Ranked(int priority, int bucket, int seq, UUID id) {}

  public Future<Page> page(MissionStatus status, int limit, Cursor after) {
    List<Future<List<Ranked>>> buckets = new ArrayList<>();
    for (int b = 0; b < Buckets.COUNT; b++) {
      buckets.add(bucket(status, b, limit + 1, after));
    }
    return Future.all(buckets).map(all -> {
      List<Ranked> merged = new ArrayList<>();
      for (int i = 0; i < buckets.size(); i++) {
        merged.addAll(all.<List<Ranked>>resultAt(i));
      }
      // Stable: within a bucket and a priority, Cassandra's own order (seq) is kept.
      merged.sort(Comparator.comparingInt(Ranked::priority).reversed().thenComparingInt(Ranked::bucket)
          .thenComparingInt(Ranked::seq));
      List<Ranked> page = merged.subList(0, Math.min(limit, merged.size()));
      Ranked last = page.isEmpty() ? null : page.get(page.size() - 1);
      Cursor next = merged.size() > limit ? new Cursor(last.priority(), last.bucket(), last.id()) : null;
      return new Page(page.stream().map(Ranked::id).toList(), next);
    });
  }

  private Future<List<Ranked>> bucket(MissionStatus status, int b, int limit, Cursor after) {
    String s = status.name();
    if (after == null) {
      return read(b, first.bind(s, b, limit), 0);
    }
    if (b < after.bucket()) {
      return read(b, below.bind(s, b, after.priority(), limit), 0);
    }
    if (b > after.bucket()) {
      return read(b, atOrBelow.bind(s, b, after.priority(), limit), 0);
    }
    return read(b, samePriorityAfter.bind(s, b, after.priority(), after.missionId(), limit), 0)
        .compose(same -> read(b, below.bind(s, b, after.priority(), limit), same.size()).map(lower -> {
          List<Ranked> both = new ArrayList<>(same);
          both.addAll(lower);
          return both;
        }));
  }

  private Future<List<Ranked>> read(int b, BoundStatement statement, int seqFrom) {
    int[] seq = {seqFrom};
    return VertxFutures.onCallerContext(session.executeAsync(statement))
        .compose(rs -> Rows.all(rs, r -> new Ranked(r.getInt("priority"), b, seq[0]++, r.getUuid("mission_id"))));
  }
}
