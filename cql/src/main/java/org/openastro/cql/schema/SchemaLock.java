package org.openastro.cql.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
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

  SchemaLock(CqlSession session, String keyspace) {
    this.session = session;
    this.acquire = session.prepare("INSERT INTO " + keyspace + ".schema_lock (name, owner, acquired_at)"
        + " VALUES ('schema', ?, ?) IF NOT EXISTS USING TTL " + LEASE.toSeconds());
    this.release = session.prepare(
        "DELETE FROM " + keyspace + ".schema_lock WHERE name = 'schema' IF owner = ?");
  }

  /** Blocks (on the start-up thread, never an event loop) until the lease is ours or the deadline passes. */
  void acquire(Instant deadline) {
    while (true) {
      if (session.execute(acquire.bind(owner, Instant.now())).wasApplied()) {
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

  void release() {
    session.execute(release.bind(owner));
  }
}
