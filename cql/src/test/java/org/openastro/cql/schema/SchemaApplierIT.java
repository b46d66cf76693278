package org.openastro.cql.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.Replication;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

@ExtendWith(CassandraExtension.class)
class SchemaApplierIT {
  private static final Replication RF1 = Replication.parse("SimpleStrategy:1");

  /**
   * One keyspace for the whole story, because each schema costs seconds of DDL: applied by three
   * processes at once, then checked, re-applied, and tampered with.
   */
  @Test
  void concurrentAppliersThenTablesThenIdempotenceThenDriftRefusal(CassandraTestNode node) throws Exception {
    String ks = node.newKeyspaceName("schema");
    int appliers = 3;
    ExecutorService pool = Executors.newFixedThreadPool(appliers);
    List<CqlSession> sessions = new ArrayList<>();
    try {
      List<Callable<Void>> jobs = new ArrayList<>();
      for (int i = 0; i < appliers; i++) {
        CqlSession s = node.newSession();
        sessions.add(s);
        jobs.add(() -> {
          new SchemaApplier(s, ks, RF1, Duration.ofSeconds(180)).apply();
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(jobs)) {
        f.get(); // none failed
      }
      CqlSession session = sessions.get(0);
      List<Row> versions = session.execute("SELECT version, checksum FROM " + ks + ".schema_migrations").all();
      assertThat(versions).hasSize(SchemaFile.loadAll().size());

      heartbeatHistoryHasTtlAndTimeWindowCompaction(session, ks);

      new SchemaApplier(session, ks, RF1, Duration.ofSeconds(30)).apply();
      assertThat(session.execute("SELECT version FROM " + ks + ".schema_migrations").all())
          .hasSize(versions.size());

      // A process that crashed after V008's ALTERs but before recording it: applying again meets
      // columns that are already there, and goes on.
      session.execute("DELETE FROM " + ks + ".schema_migrations WHERE version = 8");
      new SchemaApplier(session, ks, RF1, Duration.ofSeconds(30)).apply();
      assertThat(session.execute("SELECT version FROM " + ks + ".schema_migrations").all())
          .hasSize(versions.size());

      session.execute("UPDATE " + ks + ".schema_migrations SET checksum = 'edited' WHERE version = 1");
      assertThatThrownBy(() -> new SchemaApplier(session, ks, RF1, Duration.ofSeconds(30)).apply())
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("V001__nodes.cql")
          .hasMessageContaining("new version file");
      session.execute(SimpleStatement.newInstance("DROP KEYSPACE " + ks).setTimeout(Duration.ofSeconds(60)));
    } finally {
      pool.shutdownNow();
      sessions.forEach(CqlSession::close);
    }
  }

  private static void heartbeatHistoryHasTtlAndTimeWindowCompaction(CqlSession session, String ks) {
    Row row = session.execute("SELECT default_time_to_live, compaction, comment FROM system_schema.tables"
        + " WHERE keyspace_name = ? AND table_name = 'node_heartbeats'", ks).one();
    assertThat(row).isNotNull();
    assertThat(row.getInt("default_time_to_live")).isEqualTo(7 * 24 * 3600);
    Map<String, String> compaction = row.getMap("compaction", String.class, String.class);
    assertThat(compaction.get("class")).endsWith("TimeWindowCompactionStrategy");
    assertThat(compaction).containsEntry("compaction_window_unit", "DAYS");
    assertThat(row.getString("comment")).contains("Heartbeat history");
    List<String> tables = session.execute(
            "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", ks)
        .all().stream().map(r -> r.getString("table_name")).toList();
    assertThat(tables).contains("nodes", "nodes_by_status", "node_heartbeats", "node_task_outcomes",
        "missions", "missions_by_status", "tasks", "tasks_by_mission", "tasks_by_node",
        "pending_tasks", "artifacts", "artifacts_by_mission", "artifact_torrents", "schema_migrations");
    // The queue's tombstones may go after an hour, on a compaction that runs for them.
    Row queue = session.execute("SELECT gc_grace_seconds, compaction FROM system_schema.tables"
        + " WHERE keyspace_name = ? AND table_name = 'pending_tasks'", ks).one();
    assertThat(queue.getInt("gc_grace_seconds")).isEqualTo(3600);
    assertThat(queue.getMap("compaction", String.class, String.class))
        .containsEntry("unchecked_tombstone_compaction", "true");
  }

  @Test
  void replicationNamingAnUnknownDatacenterFailsWithAdvice(CassandraTestNode node) {
    String ks = node.newKeyspaceName("badrepl");
    try (CqlSession session = node.newSession()) {
      assertThatThrownBy(() -> new SchemaApplier(session, ks,
              Replication.parse("NetworkTopologyStrategy:no_such_dc=3"), Duration.ofSeconds(30)).apply())
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("CASSANDRA_REPLICATION");
      session.execute("DROP KEYSPACE IF EXISTS " + ks);
    }
  }
}
