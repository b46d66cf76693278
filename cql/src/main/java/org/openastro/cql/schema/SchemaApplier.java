package org.openastro.cql.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openastro.cql.Replication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned schema files to a keyspace, idempotently and safely from several
 * processes at once: each version runs once (recorded in {@code schema_migrations} with its
 * checksum), under a {@link SchemaLock}, and every DDL waits for schema agreement. Runs on a
 * start-up thread; it blocks.
 */
public final class SchemaApplier {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaApplier.class);
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);

  private final CqlSession session;
  private final String keyspace;
  private final Replication replication;
  private final Duration timeout;

  /** {@code session} must not be bound to a keyspace; {@code keyspace} is a validated identifier. */
  public SchemaApplier(CqlSession session, String keyspace, Replication replication, Duration timeout) {
    this.session = session;
    this.keyspace = keyspace;
    this.replication = replication;
    this.timeout = timeout;
  }

  /** Creates the keyspace if needed and applies every version not yet applied. */
  public void apply() {
    Instant deadline = Instant.now().plus(timeout);
    List<SchemaFile> files = SchemaFile.loadAll();
    // Cassandra checks the CREATE permission of "CREATE ... IF NOT EXISTS" even when the keyspace or
    // table exists: asking first lets a role granted only SELECT and MODIFY start on an up-to-date
    // schema. Two processes that both find it missing both create it; IF NOT EXISTS settles that.
    if (!keyspaceExists()) {
      ddl("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication.toCqlMap(),
          "creating keyspace " + keyspace);
    }
    if (!tableExists("schema_migrations")) {
      ddl("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations (version int PRIMARY KEY,"
          + " name text, checksum text, applied_at timestamp)"
          + " WITH comment = 'Schema versions applied to this keyspace'", "creating schema_migrations");
    }
    if (!tableExists("schema_lock")) {
      ddl("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_lock (name text PRIMARY KEY,"
          + " owner uuid, acquired_at timestamp)"
          + " WITH comment = 'Lease serialising schema changes across processes'", "creating schema_lock");
    }

    Map<Integer, String> applied = appliedChecksums();
    if (allApplied(files, applied)) {
      LOG.info("Schema of keyspace {} is up to date (version {})", keyspace, files.size());
      return;
    }
    SchemaLock lock = new SchemaLock(session, keyspace);
    lock.acquire(deadline);
    try {
      applied = appliedChecksums(); // another process may have applied some while we waited
      PreparedStatement record = session.prepare("INSERT INTO " + keyspace
          + ".schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)");
      for (SchemaFile file : files) {
        if (applied.containsKey(file.version())) {
          continue;
        }
        applyFile(file);
        session.execute(record.bind(file.version(), file.name(), file.checksum(), Instant.now()));
        LOG.info("Applied schema {} to keyspace {}", file.name(), keyspace);
      }
    } finally {
      lock.release();
    }
  }

  private boolean allApplied(List<SchemaFile> files, Map<Integer, String> applied) {
    boolean all = true;
    for (SchemaFile file : files) {
      String checksum = applied.get(file.version());
      if (checksum == null) {
        all = false;
      } else if (!checksum.equals(file.checksum())) {
        throw new SchemaException("schema " + file.name() + " was applied to keyspace " + keyspace
            + " with a different content (checksum " + checksum + ", now " + file.checksum()
            + "). Shipped schema files must not change: put the change in a new version file,"
            + " or, on a development keyspace only, DROP KEYSPACE " + keyspace + " and start again");
      }
    }
    return all;
  }

  private void applyFile(SchemaFile file) {
    int n = 0;
    for (String statement : file.statements()) {
      n++;
      String cql = TableNames.qualify(statement, keyspace);
      try {
        ddl(cql, file.name() + " statement " + n);
      } catch (SchemaException e) {
        if (!alreadyAdded(cql, e)) {
          throw e;
        }
        // ALTER TABLE ... ADD has no IF NOT EXISTS common to Cassandra 4 and ScyllaDB: a file that
        // a crashed process applied half-way meets its own columns again, which is not an error.
        LOG.info("{} statement {}: columns already there, skipped", file.name(), n);
      }
    }
  }

  private static boolean alreadyAdded(String cql, SchemaException e) {
    String message = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
    return cql.matches("(?s)^ALTER TABLE\\s+\\S+\\s+ADD\\b.*")
        && (message.contains("already exists") || message.contains("conflicts with an existing column"));
  }

  /** system_schema is readable by every role that may log in. */
  private boolean keyspaceExists() {
    return session.execute(SimpleStatement.newInstance(
        "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one() != null;
  }

  private boolean tableExists(String table) {
    return session.execute(SimpleStatement.newInstance(
        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?", keyspace, table))
        .one() != null;
  }

  private Map<Integer, String> appliedChecksums() {
    Map<Integer, String> result = new HashMap<>();
    for (Row row : session.execute(SimpleStatement.newInstance(
        "SELECT version, checksum FROM " + keyspace + ".schema_migrations"))) {
      result.put(row.getInt("version"), row.getString("checksum"));
    }
    return result;
  }

  private void ddl(String cql, String what) {
    SimpleStatement statement = SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT);
    try {
      var result = session.execute(statement);
      if (!result.getExecutionInfo().isSchemaInAgreement()) {
        LOG.warn("Schema not yet in agreement after {}; the driver will keep checking", what);
      }
    } catch (RuntimeException e) {
      throw new SchemaException("Applying the schema failed at " + what + " in keyspace " + keyspace
          + ": " + e.getMessage() + ". Check that the cluster is reachable, that the user"
          + " (CASSANDRA_USERNAME) may create keyspaces and tables (CREATE ON ALL KEYSPACES, or CREATE and ALTER"
          + " on a keyspace created for it), and that CASSANDRA_REPLICATION names datacenters that exist."
          + " Statement: " + cql, e);
    }
  }
}
