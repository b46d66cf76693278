package org.openastro.cql.schema;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A lease that lets one process at a time apply schema changes to a keyspace. Concurrent DDL from
 * several coordinators can create the same table twice with different ids, so processes starting
 * together (several pods) take turns. The lease is an LWT row with a TTL, so a process that dies
 * while holding it blocks the others for at most {@link #LEASE}.
 */
final class SchemaLock {
  static final Duration LEASE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  private final CqlSession session;
  private final UUID owner = UUID.randomUUID();
  private final PreparedStatement acquire;
  private final PreparedStatement release;
  private final PreparedStatement holder;

  SchemaLock(CqlSession session, String keyspace) {
    this.session = session;
    this.acquire = session.prepare("INSERT INTO " + keyspace + ".schema_lock (name, owner, acquired_at)"
        + " VALUES ('schema', ?, ?) IF NOT EXISTS USING TTL " + LEASE.toSeconds());
    this.release = session.prepare(
        "DELETE FROM " + keyspace + ".schema_lock WHERE name = 'schema' IF owner = ?");
    this.holder = session.prepare("SELECT owner FROM " + keyspace + ".schema_lock WHERE name = 'schema'");
  }

  /** Blocks (on the start-up thread, never an event loop) until the lease is ours or the deadline passes. */
  void acquire(Instant deadline) {
    while (true) {
      if (tryAcquire()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new SchemaException("another process has held the schema lock of this keyspace"
            + " for too long; if no other OpenAstro process is starting, wait "
            + LEASE.toSeconds() + " s for the lease to expire and start again,"
            + " or raise CASSANDRA_SCHEMA_TIMEOUT");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaException("interrupted while waiting for the schema lock", e);
      }
    }
  }

  /**
   * One attempt. Processes starting together contend on this LWT, and on loaded cores its Paxos
   * round can time out (seen: three processes of ClusterIT at load 12): the insert then may or may
   * not have been applied, so the lock row says whose it is; a timeout is another turn, never a
   * failed start-up.
   */
  private boolean tryAcquire() {
    try {
      return session.execute(acquire.bind(owner, Instant.now())).wasApplied();
    } catch (WriteTimeoutException | ReadTimeoutException | UnavailableException e) {
      try {
        Row row = session.execute(holder.bind().setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
        return row != null && owner.equals(row.getUuid("owner"));
      } catch (WriteTimeoutException | ReadTimeoutException | UnavailableException again) {
        return false;
      }
    }
  }

  void release() {
    session.execute(release.bind(owner));
  }
}
