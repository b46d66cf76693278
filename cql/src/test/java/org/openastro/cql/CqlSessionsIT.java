package org.openastro.cql;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.config.Config;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

@ExtendWith(CassandraExtension.class)
class CqlSessionsIT {

  /**
   * Cassandra 5 would agree on v5, whose framing turns a contended LWT's timeout into a closed
   * connection (see {@link CqlSessions#PROTOCOL_VERSION}); the session must speak v4.
   */
  @Test
  void sessionsSpeakProtocolV4(CassandraTestNode node) {
    try (CqlSession session = CqlSessions.open(Config.from(Map.of()), List.of(node.contactPoint()),
        node.datacenter(), null, null)) {
      assertThat(session.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V4);
      assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
    }
  }
}
