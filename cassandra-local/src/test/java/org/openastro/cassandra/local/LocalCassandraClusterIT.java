package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reason to choose Cassandra: a replica dies and nobody notices. Three nodes on 127.0.0.1-3,
 * a keyspace replicated three times, writes at LOCAL_QUORUM; one node is SIGKILLed, writes go on
 * without it, it is relaunched, and every acknowledged write is there.
 *
 * <p>Three Cassandra JVMs on two cores take minutes (about 3 on a quiet machine, more beside other
 * builds), so it runs only when asked: {@code mvn -B verify -pl cassandra-local
 * -Dtest=LocalCassandraClusterIT -Dopenastro.it.cluster=true}.
 */
@EnabledIfSystemProperty(named = "openastro.it.cluster", matches = "true")
class LocalCassandraClusterIT {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCassandraClusterIT.class);
  private static final String TABLE = "replicated.acked";
  private static final int HEAP_MB = 640;
  /** Gentle: three nodes share two cores, and the relaunched one must boot beside the writes. */
  private static final int IN_FLIGHT = 4;
  private static final Duration CLUSTER_START_TIMEOUT = Duration.ofSeconds(240);
  private static final Duration RELAUNCH_TIMEOUT = Duration.ofSeconds(150);

  @Test
  void writesGoOnWhileAReplicaIsDeadAndNoneIsLost(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dataDir) throws Exception {
    LocalCassandraCluster cluster = LocalCassandraCluster.start(LocalNodeOptions.defaults(dataDir)
        .withFreePorts().withHeapMb(HEAP_MB).withStartTimeout(CLUSTER_START_TIMEOUT), 3);
    List<Long> firstPids = cluster.nodes().stream().map(LocalCassandraNode::pid).toList();
    LocalCassandraNode victim = cluster.nodes().get(1);
    try {
      assertThat(cluster.contactPoints()).extracting(a -> a.getAddress().getHostAddress())
          .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
      try (CqlSession session = session(cluster)) {
        session.execute(SimpleStatement.newInstance("CREATE KEYSPACE replicated WITH replication ="
            + " {'class': 'NetworkTopologyStrategy', '" + cluster.datacenter() + "': 3}"));
        session.execute("CREATE TABLE " + TABLE + " (id int PRIMARY KEY, written_at bigint)");
        await("every replica up for every coordinator").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .until(() -> session.execute(SimpleStatement.newInstance(
                "INSERT INTO " + TABLE + " (id, written_at) VALUES (-1, 0)")
                .setConsistencyLevel(ConsistencyLevel.ALL)).wasApplied());

        Set<Integer> acknowledged;
        try (AckCountingWriter writer = new AckCountingWriter(session, TABLE, IN_FLIGHT)) {
          await("writes under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
              .until(() -> writer.acknowledgedCount() >= 1_000);

          ProcessHandle process = ProcessHandle.of(victim.pid()).orElseThrow();
          long killedAt = System.nanoTime();
          assertThat(process.destroyForcibly()).isTrue();
          int atKill = writer.acknowledgedCount();

          await("the killed node is relaunched").atMost(RELAUNCH_TIMEOUT).pollInterval(Duration.ofMillis(100))
              .until(() -> victim.relaunches() == 1);
          int whileDown = writer.acknowledgedCount() - atKill;
          LOG.info("Node 127.0.0.2 (pid {}) SIGKILLed; {} writes acknowledged before its relaunch answered CQL"
              + " {} ms later as pid {}", firstPids.get(1), whileDown,
              Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), victim.pid());
          assertThat(whileDown).as("writes acknowledged at LOCAL_QUORUM while a replica was dead").isPositive();

          int atRelaunch = writer.acknowledgedCount();
          await("writes go on").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
              .until(() -> writer.acknowledgedCount() >= atRelaunch + 300);
          writer.close();
          acknowledged = writer.acknowledged();
        }

        Set<Integer> lost = StoredRows.missing(session, TABLE, acknowledged);
        LOG.info("{} writes acknowledged, {} of them missing", acknowledged.size(), lost.size());
        assertThat(lost).as("acknowledged writes missing").isEmpty();
      }
    } finally {
      cluster.close();
    }
    for (long pid : firstPids) {
      assertThat(ProcessState.hasExited(pid)).isTrue();
    }
    assertThat(ProcessState.hasExited(victim.pid())).isTrue();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("-Dcassandra.storagedir=" + dataDir)))
        .as("no node left on " + dataDir).isEmpty();
  }


  private static CqlSession session(LocalCassandraCluster cluster) {
    OptionsMap options = OptionsMap.driverDefaults();
    options.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20));
    options.put(TypedDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200));
    options.put(TypedDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1));
    return CqlSession.builder()
        .addContactPoints(cluster.contactPoints())
        .withLocalDatacenter(cluster.datacenter())
        .withConfigLoader(DriverConfigLoader.fromMap(options))
        .build();
  }
}
