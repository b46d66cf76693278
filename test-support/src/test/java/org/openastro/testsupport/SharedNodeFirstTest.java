package org.openastro.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gets the node through its constructor; writes a row that SharedNodeSecondTest reads. */
@ExtendWith(CassandraExtension.class)
class SharedNodeFirstTest {

  private final CassandraTestNode cassandra;

  SharedNodeFirstTest(CassandraTestNode cassandra) {
    this.cassandra = cassandra;
  }

  @Test
  void writesARowForTheOtherTestClass() {
    String keyspace = cassandra.newKeyspaceName("shared_node");
    try (CqlSession session = cassandra.newSession()) {
      session.execute("CREATE KEYSPACE " + keyspace
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE " + keyspace + "." + SharedNodeObservations.TABLE + " (id int PRIMARY KEY, text text)");
      session.execute("INSERT INTO " + keyspace + "." + SharedNodeObservations.TABLE + " (id, text) VALUES (1, ?)",
          SharedNodeObservations.TEXT);
    }
    SharedNodeObservations.node = cassandra;
    SharedNodeObservations.contactPoint = cassandra.contactPoint();
    SharedNodeObservations.keyspace = keyspace;
  }

  @Test
  void methodParametersGetTheSameNode(CassandraTestNode fromMethod) {
    assertThat(fromMethod).isSameAs(cassandra);
  }

  @Test
  void sessionsTalkToARealCassandra5Node() {
    try (CqlSession session = cassandra.newSession()) {
      String version = session.execute("SELECT release_version FROM system.local").one().getString(0);
      assertThat(version).startsWith("5.0");
      assertThat(session.getKeyspace()).isEmpty();
    }
  }
}
