package org.openastro.cql.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import org.openastro.cql.Replication;
import org.openastro.cql.schema.SchemaApplier;
import org.openastro.testsupport.CassandraTestNode;

/**
 * A keyspace with the full schema on the test node. {@link #create} makes a fresh one for a test
 * class that scans whole tables (queues, status lists) and must not see other classes' rows;
 * {@link #shared} returns one keyspace per test JVM for classes whose rows are all under random
 * ids, because creating the schema costs seconds of DDL on a small node.
 */
public final class TestKeyspace implements AutoCloseable {
  private static TestKeyspace shared;

  private final String name;
  private final CqlSession session;
  private final boolean dropOnClose;

  private TestKeyspace(String name, CqlSession session, boolean dropOnClose) {
    this.name = name;
    this.session = session;
    this.dropOnClose = dropOnClose;
  }

  /** The keyspace shared by this JVM's test classes; {@link #close()} on it does nothing. */
  public static synchronized TestKeyspace shared(CassandraTestNode node) {
    if (shared == null) {
      TestKeyspace fresh = create(node, "shared");
      shared = new TestKeyspace(fresh.name, fresh.session, false);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        shared.dropNow();
      }, "drop-shared-test-keyspace"));
    }
    return shared;
  }

  public static TestKeyspace create(CassandraTestNode node, String prefix) {
    String name = node.newKeyspaceName(prefix);
    try (CqlSession admin = node.newSession()) {
      new SchemaApplier(admin, name, Replication.parse("SimpleStrategy:1"), Duration.ofSeconds(120)).apply();
    }
    CqlSession session = CqlSession.builder()
        .addContactPoint(node.contactPoint())
        .withLocalDatacenter(node.datacenter())
        .withKeyspace(name)
        .build();
    return new TestKeyspace(name, session, true);
  }

  public String name() {
    return name;
  }

  /** A session bound to this keyspace. */
  public CqlSession session() {
    return session;
  }

  /** Closes the session and drops the keyspace so repeated runs do not fill the node. */
  @Override
  public void close() {
    if (dropOnClose) {
      dropNow();
    }
  }

  private void dropNow() {
    try {
      session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + name)
          .setTimeout(Duration.ofSeconds(60)));
    } catch (RuntimeException e) {
      // best effort: a test node in a temp dir disappears anyway
    } finally {
      session.close();
    }
  }
}
