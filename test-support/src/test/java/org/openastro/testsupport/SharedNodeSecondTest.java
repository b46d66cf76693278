package org.openastro.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gets the node in @BeforeAll; runs after SharedNodeFirstTest (classes run by name). */
@ExtendWith(CassandraExtension.class)
class SharedNodeSecondTest {

  private static CassandraTestNode cassandra;

  @BeforeAll
  static void keepNode(CassandraTestNode node) {
    cassandra = node;
  }

  @Test
  void getsTheSameNodeAsTheOtherTestClass() {
    assumeTrue(SharedNodeObservations.firstClassRan(), "runs only together with SharedNodeFirstTest");

    assertThat(cassandra.contactPoint()).isEqualTo(SharedNodeObservations.contactPoint);
    assertThat(cassandra).isSameAs(SharedNodeObservations.node);
  }

  @Test
  void readsWhatTheOtherTestClassWroteWithANewSession() {
    assumeTrue(SharedNodeObservations.firstClassRan(), "runs only together with SharedNodeFirstTest");

    try (CqlSession session = cassandra.newSession()) {
      Row row = session.execute("SELECT text FROM " + SharedNodeObservations.keyspace + "."
          + SharedNodeObservations.TABLE + " WHERE id = 1").one();
      assertThat(row).isNotNull();
      assertThat(row.getString("text")).isEqualTo(SharedNodeObservations.TEXT);
    }
  }
}
