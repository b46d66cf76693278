package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openastro.cql.Rows;

/**
 * Membership and shard leases of scheduler instances (tables scheduler_members and
 * scheduler_shards). Leases are TTL rows changed only by LWT, so of two instances taking a
 * free shard exactly one gets it, and a renewal by an instance that lost its shard fails.
 */
public final class SchedulerShards {
  /** One ring per keyspace: every scheduler instance of a deployment shares it. */
  static final String RING = "schedulers";

  private final CqlSession session;
  private final PreparedStatement announce;
  private final PreparedStatement members;
  private final PreparedStatement owners;
  private final PreparedStatement acquire;
  private final PreparedStatement renew;
  private final PreparedStatement release;
  private final PreparedStatement leave;

  /** Prepares statements (blocks): build at start-up. */
  public SchedulerShards(CqlSession session) {
    this.session = session;
    this.announce = session.prepare("INSERT INTO scheduler_members (ring, instance_id, started_at) VALUES (?, ?, ?)"
        + " USING TTL ?");
    this.members = session.prepare("SELECT instance_id FROM scheduler_members WHERE ring = ?");
    // 16 rows: read whole. The table holds nothing else.
    this.owners = session.prepare("SELECT shard, owner FROM scheduler_shards");
    this.acquire = session.prepare("INSERT INTO scheduler_shards (shard, owner, acquired_at) VALUES (?, ?, ?)"
        + " IF NOT EXISTS USING TTL ?");
    this.renew = session.prepare("UPDATE scheduler_shards USING TTL ? SET owner = ?, acquired_at = ? WHERE shard = ?"
        + " IF owner = ?");
    this.release = session.prepare("DELETE FROM scheduler_shards WHERE shard = ? IF owner = ?");
    this.leave = session.prepare("DELETE FROM scheduler_members WHERE ring = ? AND instance_id = ?");
  }

  /** Says {@code instance} is alive for {@code ttl}. */
  public Future<Void> announce(String instance, Instant startedAt, Duration ttl) {
    return Statements.run(session, announce.bind(RING, instance, startedAt, seconds(ttl))).mapEmpty();
  }

  /** The instances alive now (their rows not yet expired). */
  public Future<List<String>> members() {
    return Statements.run(session, members.bind(RING)).compose(rs -> Rows.all(rs, r -> r.getString(0)));
  }

  /** The owner of every leased shard; a shard missing from the map is free. */
  public Future<Map<Integer, String>> owners() {
    return Statements.run(session, owners.bind()).compose(rs -> Rows.all(rs, r -> r)).map(rows -> {
      Map<Integer, String> out = new HashMap<>();
      rows.forEach(r -> {
        if (r.getString(1) != null) {
          out.put(r.getInt(0), r.getString(1));
        }
      });
      return out;
    });
  }

  /** Takes a free shard for {@code ttl}; true when {@code instance} has it now. */
  public Future<Boolean> acquire(int shard, String instance, Instant now, Duration ttl) {
    return Statements.run(session, acquire.bind(shard, instance, now, seconds(ttl))).map(AsyncResultSet::wasApplied);
  }

  /** Extends {@code instance}'s lease by {@code ttl}; false when it no longer owns the shard. */
  public Future<Boolean> renew(int shard, String instance, Instant acquiredAt, Duration ttl) {
    return Statements.run(session, renew.bind(seconds(ttl), instance, acquiredAt, shard, instance))
        .map(AsyncResultSet::wasApplied);
  }

  /** Gives the shard up at once (a graceful stop), if {@code instance} still owns it. */
  public Future<Void> release(int shard, String instance) {
    return Statements.run(session, release.bind(shard, instance)).mapEmpty();
  }

  /** Drops {@code instance} from the members at once (a graceful stop). */
  public Future<Void> leave(String instance) {
    return Statements.run(session, leave.bind(RING, instance)).mapEmpty();
  }

  private static int seconds(Duration ttl) {
    return (int) Math.max(1, ttl.toSeconds());
  }
}
