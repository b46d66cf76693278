package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launches real nodes: about 10 s per start on a 2-core machine. */
class LocalCassandraNodeTest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  @Test
  void keepsDataAcrossRestartsAndLeavesNoProcessBehind(@TempDir Path dataDir, @TempDir Path otherDir) {
    LocalNodeOptions options = LocalNodeOptions.defaults(dataDir).withFreePorts();

    LocalCassandraNode node = LocalCassandraNode.start(options);
    long pid = node.pid();
    try {
      assertThat(node.launchedHere()).isTrue();
      assertThat(pid).isPositive();
      assertThat(node.datacenter()).isEqualTo("datacenter1");
      assertThat(node.logFile()).isEqualTo(dataDir.resolve("logs/cassandra.log")).isNotEmptyFile();
      try (CqlSession session = session(node)) {
        session.execute("CREATE KEYSPACE survivors WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE survivors.notes (id int PRIMARY KEY, text text)");
        session.execute("INSERT INTO survivors.notes (id, text) VALUES (1, 'still here')");
      }

      assertReusedWhenAlreadyRunning(node, otherDir);
      assertThatThrownBy(() -> LocalCassandraNode.start(options))
          .isInstanceOf(LocalNodeException.class)
          .hasMessageContaining("in use by another running Cassandra node")
          .hasMessageContaining(node.logFile().toString());
    } finally {
      node.close();
    }
    assertThat(ProcessState.hasExited(pid)).as("child %d gone after close()", pid).isTrue();
    node.close(); // idempotent

    try (LocalCassandraNode restarted = LocalCassandraNode.start(options);
         CqlSession session = session(restarted)) {
      assertThat(restarted.pid()).isNotEqualTo(pid);
      Row row = session.execute("SELECT text FROM survivors.notes WHERE id = 1").one();
      assertThat(row).isNotNull();
      assertThat(row.getString("text")).isEqualTo("still here");
    }
  }

  private static void assertReusedWhenAlreadyRunning(LocalCassandraNode node, Path otherDir) {
    LocalNodeOptions sameAddress = LocalNodeOptions.defaults(otherDir)
        .withHost(node.cqlAddress().getHostString())
        .withNativePort(node.cqlAddress().getPort());
    try (LocalCassandraNode reused = LocalCassandraNode.start(sameAddress)) {
      assertThat(reused.launchedHere()).isFalse();
      assertThat(reused.pid()).isEqualTo(-1);
      assertThat(reused.logFile()).isNull();
      assertThat(reused.cqlAddress()).isEqualTo(node.cqlAddress());
      assertThat(reused.datacenter()).isEqualTo(node.datacenter());
    }
    // Closing the reused handle must not stop the node it borrowed.
    assertThat(ProcessState.hasExited(node.pid())).isFalse();
  }

  /** Schema changes on a busy 2-core machine can take longer than the driver's default 2 s. */
  private static CqlSession session(LocalCassandraNode node) {
    OptionsMap options = OptionsMap.driverDefaults();
    options.put(TypedDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT);
    return CqlSession.builder()
        .addContactPoint(node.cqlAddress())
        .withLocalDatacenter(node.datacenter())
        .withConfigLoader(DriverConfigLoader.fromMap(options))
        .build();
  }
}
