package org.openastro.cql.stacking;

import static org.openastro.config.Parsers.bool;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openastro.config.Setting;
import org.openastro.cql.Buckets;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;

/**
 * COMPLETE missions waiting for the reference stacker ({@code mission_stacking_outbox}): added by
 * the scheduler before a mission's COMPLETE move, removed by the stacker when the stack is
 * registered. Any number of adds of one mission are one row.
 */
public final class StackingOutbox {
  /**
   * Whether COMPLETE missions are queued for the reference stacker. Here rather than in the stacker
   * module because the scheduler, which queues them, reads it too (and cannot see that module).
   */
  public static final Setting<Boolean> ENABLED = Setting.of("STACKING_ENABLED", "true",
      "run the reference stacking pipeline: COMPLETE missions are queued for it and processes with the stacker role"
          + " stack them; false = the completion event and webhook only (a site's own pipeline)", bool());

  private final CqlSession session;
  private final PreparedStatement add;
  private final PreparedStatement remove;
  private final PreparedStatement list;

  /** Prepares statements (blocks): build at start-up. */
  public StackingOutbox(CqlSession session) {
    this.session = session;
    this.add = session.prepare("INSERT INTO mission_stacking_outbox (bucket, mission_id, created_at) VALUES (?, ?, ?)");
    this.remove = session.prepare("DELETE FROM mission_stacking_outbox WHERE bucket = ? AND mission_id = ?");
    this.list = session.prepare("SELECT mission_id FROM mission_stacking_outbox WHERE bucket = ?");
  }

  public Future<Void> add(UUID missionId, Instant now) {
    return VertxFutures.onCallerContext(session.executeAsync(add.bind(Buckets.of(missionId), missionId, now)))
        .mapEmpty();
  }

  public Future<Void> remove(UUID missionId) {
    return VertxFutures.onCallerContext(session.executeAsync(remove.bind(Buckets.of(missionId), missionId)))
        .mapEmpty();
  }

  /** Every waiting mission. */
  public Future<List<UUID>> all() {
    List<Future<List<UUID>>> buckets = new ArrayList<>();
    for (int b = 0; b < Buckets.COUNT; b++) {
      buckets.add(VertxFutures.onCallerContext(session.executeAsync(list.bind(b)))
          .compose(rs -> Rows.all(rs, r -> r.getUuid(0))));
    }
    return Future.all(buckets).map(all -> {
      List<UUID> out = new ArrayList<>();
      for (int i = 0; i < buckets.size(); i++) {
        out.addAll(all.<List<UUID>>resultAt(i));
      }
      return out;
    });
  }
}
