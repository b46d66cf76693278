package org.openastro.cql.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** The durability check reads replication and commit-log mode from a real node. */
@ExtendWith(CassandraExtension.class)
class WriteDurabilityIT {
  @Test
  void oneReplicaIsARiskExactlyWhenTheNodeDoesNotSyncItsCommitLogBeforeAnswering(CassandraTestNode node) {
    TestKeyspace keyspace = TestKeyspace.shared(node);
    String sync = keyspace.session().execute("SELECT value FROM system_views.settings WHERE name = 'commitlog_sync'")
        .one().getString("value");
    // one replica (SimpleStrategy:1), so only the commit-log mode can make it durable; the local
    // test node runs group commit (cassandra-local's default), a Docker image may not
    assertThat(WriteDurability.riskOf(keyspace.session(), keyspace.name(), node.datacenter()).isPresent())
        .as("commitlog_sync %s", sync).isEqualTo(!sync.equals("group") && !sync.equals("batch"));
  }
}
