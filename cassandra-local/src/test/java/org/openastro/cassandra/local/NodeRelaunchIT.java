package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable acknowledgements on the embedded node: SIGKILL the Cassandra child while writes pour in
 * at LOCAL_QUORUM; the owner relaunches it on the same data and ports, and every write it had
 * acknowledged is there (group commit; commit-log replay). One launch and one relaunch.
 */
class NodeRelaunchIT {

  private static final Logger LOG = LoggerFactory.getLogger(NodeRelaunchIT.class);
  private static final String TABLE = "durability.acked";
  private static final int HEAP_MB = 768;
  /** Enough writes under way that some are acknowledged in the last milliseconds before the kill. */
  private static final int ACKS_BEFORE_KILL = 3_000;
  private static final int ACKS_AFTER_RELAUNCH = 500;
  private static final Duration RELAUNCH_TIMEOUT = Duration.ofSeconds(150);

  @Test
  void sigkilledNodeIsRelaunchedWithEveryAcknowledgedWriteAndCloseLeavesNothing(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dataDir)
      throws Exception {
    LocalCassandraNode node = LocalCassandraNode.start(
        LocalNodeOptions.defaults(dataDir).withFreePorts().withHeapMb(HEAP_MB));
    long firstPid = node.pid();
    long secondPid;
    try {
      assertThat(node.relaunches()).isZero();
      try (CqlSession session = session(node)) {
        session.execute(SimpleStatement.newInstance("CREATE KEYSPACE durability WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}"));
        session.execute("CREATE TABLE " + TABLE + " (id int PRIMARY KEY, written_at bigint)");

        Set<Integer> acknowledged;
        int acknowledgedAtKill;
        try (AckCountingWriter writer = new AckCountingWriter(session, TABLE, 32)) {
          await("writes under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
              .until(() -> writer.acknowledgedCount() >= ACKS_BEFORE_KILL);

          ProcessHandle cassandra = ProcessHandle.of(firstPid).orElseThrow();
          // (Java truncates long command lines: the class names at its end are not in it.)
          assertThat(cassandra.info().commandLine().orElse("")).contains("-Dcassandra.storagedir=" + dataDir);
          long killedAt = System.nanoTime();
          assertThat(cassandra.destroyForcibly()).as("SIGKILL sent to %d", firstPid).isTrue();
          acknowledgedAtKill = writer.acknowledgedCount();

          await("relaunch answers CQL").atMost(RELAUNCH_TIMEOUT).pollInterval(Duration.ofMillis(100))
              .until(() -> node.relaunches() == 1);
          secondPid = node.pid();
          LOG.info("Node pid {} SIGKILLed with {} writes acknowledged; relaunched as pid {}, answering CQL {} ms"
              + " after the kill", firstPid, acknowledgedAtKill, secondPid,
              Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
          assertThat(secondPid).isNotEqualTo(firstPid);
          assertThat(ProcessState.hasExited(firstPid)).isTrue();
          assertThat(CqlProbe.identify(node.cqlAddress(), Duration.ofSeconds(10))).isPresent();

          int atRelaunch = writer.acknowledgedCount();
          await("the writer's session writes again").atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> writer.acknowledgedCount() >= atRelaunch + ACKS_AFTER_RELAUNCH);
          assertThat(writer.failures()).as("writes refused while the node was down").isPositive();
          writer.close();
          acknowledged = writer.acknowledged();
        }

        Set<Integer> lost = StoredRows.missing(session, TABLE, acknowledged);
        LOG.info("{} writes acknowledged, {} of them missing", acknowledged.size(), lost.size());
        assertThat(lost).as("acknowledged writes missing after the SIGKILL and relaunch").isEmpty();
      }
    } finally {
      node.close();
    }

    assertThat(ProcessState.hasExited(firstPid)).isTrue();
    assertThat(ProcessState.hasExited(node.pid())).as("relaunched child gone after close()").isTrue();
    assertThat(nodeProcessesOn(dataDir)).as("no Cassandra process left on " + dataDir).isEmpty();
    assertThat(node.relaunches()).as("close() is not a death to relaunch after").isEqualTo(1);
  }


  private static List<ProcessHandle> nodeProcessesOn(Path dataDir) {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("-Dcassandra.storagedir=" + dataDir))
        .toList();
  }

  /** Reconnects within a second of the node coming back (the driver's default waits up to a minute). */
  private static CqlSession session(LocalCassandraNode node) {
    OptionsMap options = OptionsMap.driverDefaults();
    options.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20));
    options.put(TypedDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200));
    options.put(TypedDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1));
    return CqlSession.builder()
        .addContactPoint(node.cqlAddress())
        .withLocalDatacenter(node.datacenter())
        .withConfigLoader(DriverConfigLoader.fromMap(options))
        .build();
  }
}
