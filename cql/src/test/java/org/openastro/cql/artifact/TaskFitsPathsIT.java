package org.openastro.cql.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.TaskStatus;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

@ExtendWith(CassandraExtension.class)
class TaskFitsPathsIT {
  static TestKeyspace keyspace;
  static TaskFitsPaths fitsPaths;
  static TaskRepository tasks;

  @BeforeAll
  static void schema(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    fitsPaths = new TaskFitsPaths(keyspace.session());
    tasks = new TaskRepository(keyspace.session());
  }

  @AfterAll
  static void drop() {
    keyspace.close();
  }

  static UUID task(UUID mission, UUID node) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Await.result(tasks.create(new Task(id, mission, node, 600, 0, TaskStatus.EXECUTING, now, now.plusSeconds(600),
        null, null, 50, now, now)));
    return id;
  }

  @Test
  void recordsThePathOnTheTaskAndInItsPathList() {
    UUID mission = UUID.randomUUID();
    UUID node = UUID.randomUUID();
    UUID task = task(mission, node);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    assertThat(Await.result(fitsPaths.record(task, mission, node, "raw/a.fits", at))).isTrue();
    assertThat(Await.result(fitsPaths.record(task, mission, node, "raw/b.fits", at.plusSeconds(1)))).isTrue();
    // a replay writes the same rows again
    assertThat(Await.result(fitsPaths.record(task, mission, node, "raw/b.fits", at.plusSeconds(1)))).isTrue();

    // the first path stays the task's: a later one is listed, never written over it
    assertThat(Await.result(tasks.find(task)).orElseThrow().fitsObjectStoragePath()).isEqualTo("raw/a.fits");
    List<Row> rows = keyspace.session().execute(SimpleStatement.newInstance(
        "SELECT path, mission_id, node_id FROM task_fits_paths WHERE task_id = ?", task)).all();
    assertThat(rows).extracting(r -> r.getString("path")).containsExactly("raw/a.fits", "raw/b.fits");
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.getUuid("mission_id")).isEqualTo(mission);
      assertThat(r.getUuid("node_id")).isEqualTo(node);
    });
  }

  @Test
  void refusesATaskOfAnotherMissionOrNoTaskAtAll() {
    UUID task = task(UUID.randomUUID(), UUID.randomUUID());
    Instant at = Instant.now();
    assertThat(Await.result(fitsPaths.record(task, UUID.randomUUID(), null, "raw/x.fits", at))).isFalse();
    UUID missing = UUID.randomUUID();
    assertThat(Await.result(fitsPaths.record(missing, UUID.randomUUID(), null, "raw/y.fits", at))).isFalse();
    assertThat(Await.result(tasks.find(task)).orElseThrow().fitsObjectStoragePath()).isNull();
    for (UUID id : List.of(task, missing)) {
      assertThat(keyspace.session().execute(SimpleStatement.newInstance(
          "SELECT path FROM task_fits_paths WHERE task_id = ?", id)).all()).isEmpty();
    }
  }
}
