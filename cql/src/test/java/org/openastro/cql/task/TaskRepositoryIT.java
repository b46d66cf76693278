package org.openastro.cql.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.Buckets;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.UnsetNulls;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.TaskStatus;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

@ExtendWith(CassandraExtension.class)
class TaskRepositoryIT {
  static TestKeyspace keyspace;
  static TaskRepository tasks;

  @BeforeAll
  static void schema(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    tasks = new TaskRepository(keyspace.session());
  }

  @AfterAll
  static void drop() {
    keyspace.close();
  }

  static Task task(UUID id, UUID mission, UUID node, TaskStatus status, double required) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new Task(id, mission, node, required, 0, status, now, now.plus(6, ChronoUnit.HOURS), null,
        null, 60, now, now);
  }

  @Test
  void absentValuesAreLeftUnsetSoANewTaskWritesNoTombstones() {
    var insert = keyspace.session().prepare("INSERT INTO tasks (task_id, assigned_node_id, remainder_of)"
        + " VALUES (?, ?, ?)");
    var bound = UnsetNulls.of(insert.bind(UUID.randomUUID(), null, UUID.randomUUID()));
    assertThat(bound.isSet(0)).isTrue();
    assertThat(bound.isSet(1)).as("null: unset, not a tombstone cell").isFalse();
    assertThat(bound.isSet(2)).isTrue();

    UUID id = UUID.randomUUID();
    Await.result(tasks.create(task(id, UUID.randomUUID(), null, TaskStatus.PENDING, 60)));
    Task stored = Await.result(tasks.find(id)).orElseThrow();
    assertThat(stored.assignedNodeId()).isNull();
    assertThat(stored.remainderOf()).isNull();
    assertThat(stored.fitsObjectStoragePath()).isNull();
  }

  @Test
  void pendingTaskLandsInMissionListAndQueue() {
    UUID mission = UUID.randomUUID();
    UUID id = UUID.randomUUID();
    assertThat(Await.result(tasks.create(task(id, mission, null, TaskStatus.PENDING, 1800))).created()).isTrue();

    assertThat(Await.result(tasks.find(id)).orElseThrow().exposureRequiredS()).isEqualTo(1800);
    assertThat(Await.result(tasks.listByMission(mission)))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.taskId()).isEqualTo(id);
          assertThat(s.status()).isEqualTo(TaskStatus.PENDING);
        });
    assertThat(keyspace.session().execute("SELECT task_id FROM pending_tasks WHERE bucket = ?",
        Buckets.of(id)).all()).extracting(r -> r.getUuid("task_id")).contains(id);
  }

  @Test
  void assignedTaskIsListedForItsNodeAndNotQueued() {
    UUID node = UUID.randomUUID();
    UUID id = UUID.randomUUID();
    Await.result(tasks.create(task(id, UUID.randomUUID(), node, TaskStatus.EXECUTING, 600)));
    assertThat(keyspace.session().execute("SELECT task_id FROM tasks_by_node WHERE node_id = ?", node)
        .all()).extracting(r -> r.getUuid("task_id")).containsExactly(id);
    assertThat(keyspace.session().execute("SELECT task_id FROM pending_tasks WHERE bucket = ?",
        Buckets.of(id)).all()).extracting(r -> r.getUuid("task_id")).doesNotContain(id);
  }

  @Test
  void clientMintedIdReplayAndConflict() {
    UUID mission = UUID.randomUUID();
    UUID id = UUID.randomUUID();
    Task t = task(id, mission, null, TaskStatus.PENDING, 900);
    Await.result(tasks.create(t));
    assertThat(Await.result(tasks.create(t)).created()).isFalse();
    assertThatThrownBy(() -> Await.result(tasks.create(task(id, mission, null, TaskStatus.PENDING, 901))))
        .isInstanceOf(IdConflictException.class);
  }
}
