package org.openastro.cql.mission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.scheduling.MissionStates;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

@ExtendWith(CassandraExtension.class)
class MissionRepositoryIT {
  static TestKeyspace keyspace;
  static MissionRepository missions;

  @BeforeAll
  static void schema(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "missions");
    missions = new MissionRepository(keyspace.session());
  }

  @AfterAll
  static void drop() {
    keyspace.close();
  }

  static Mission mission(UUID id, int priority, MissionStatus status) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new Mission(id, 83.82, -5.39, ScienceCase.DEEP_STACK, 3600, 0, priority, now,
        now.plus(2, ChronoUnit.DAYS), status, null, 30, true, Set.of("R"), 200.0, null, "alice", now);
  }

  @Test
  void createdMissionIsReadBack() {
    UUID id = UUID.randomUUID();
    assertThat(Await.result(missions.create(mission(id, 40, MissionStatus.PENDING))).created()).isTrue();
    Mission stored = Await.result(missions.find(id)).orElseThrow();
    assertThat(stored.targetRa()).isEqualTo(83.82);
    assertThat(stored.requiredFilters()).containsExactly("R");
    assertThat(stored.minApertureMm()).isEqualTo(200.0);
    assertThat(stored.minFovDeg()).isNull();
  }

  @Test
  void listByStatusMergesBucketsInPriorityOrder() {
    List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    int[] priorities = {10, 90, 55, 70};
    for (int i = 0; i < ids.size(); i++) {
      Await.result(missions.create(mission(ids.get(i), priorities[i], MissionStatus.IN_PROGRESS)));
    }
    List<UUID> listed = Await.result(missions.idsByStatus(MissionStatus.IN_PROGRESS, 100));
    assertThat(listed).containsSubsequence(ids.get(1), ids.get(3), ids.get(2), ids.get(0));
    assertThat(Await.result(missions.idsByStatus(MissionStatus.IN_PROGRESS, 2)))
        .containsExactly(ids.get(1), ids.get(3));
  }

  @Test
  void observingConstraintsAreStoredAndPartOfTheFingerprint() {
    UUID id = UUID.randomUUID();
    MissionConstraints c = new MissionConstraints(1.5, 30.0, null, -18.0, 2.5);
    Mission m = mission(id, 50, MissionStatus.PENDING).withConstraints(c);
    Await.result(missions.create(m));
    assertThat(Await.result(missions.find(id)).orElseThrow().constraints()).isEqualTo(c);
    assertThat(Await.result(missions.create(m)).created()).isFalse();
    assertThatThrownBy(() -> Await.result(missions.create(m.withConstraints(MissionConstraints.NONE))))
        .isInstanceOf(IdConflictException.class);
    UUID plain = UUID.randomUUID();
    Await.result(missions.create(mission(plain, 50, MissionStatus.PENDING)));
    assertThat(Await.result(missions.find(plain)).orElseThrow().constraints().isNone()).isTrue();
  }

  @Test
  void replayIsIdempotentAndConflictRefused() {
    UUID id = UUID.randomUUID();
    Mission m = mission(id, 50, MissionStatus.PENDING);
    Await.result(missions.create(m));
    assertThat(Await.result(missions.create(m)).created()).isFalse();
    assertThatThrownBy(() -> Await.result(missions.create(mission(id, 51, MissionStatus.PENDING))))
        .isInstanceOf(IdConflictException.class);
  }

  @Test
  void anAlertsLocalizationIsStoredAndMovesOnlyFromTheNoticeItWasDecidedOn() {
    UUID id = UUID.randomUUID();
    Instant first = Instant.parse("2025-03-14T04:12:51Z");
    Mission m = mission(id, 95, MissionStatus.PENDING)
        .withAlertLocalization(new AlertLocalization(0.5, first, null));
    Await.result(missions.create(m));
    Mission stored = Await.result(missions.find(id)).orElseThrow();
    assertThat(stored.alertLocalization()).isEqualTo(new AlertLocalization(0.5, first, null));
    // Not part of what was asked for: a copy with another localization is a replay, not a conflict.
    assertThat(Await.result(missions.create(m.withAlertLocalization(AlertLocalization.NONE))).created()).isFalse();

    MissionStates states = new MissionStates(keyspace.session());
    Instant second = first.plusSeconds(600);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Mission moved = stored.relocated(84.0, -5.5, new AlertLocalization(0.1, second, now));
    assertThat(Await.result(states.relocate(stored, moved))).isTrue();
    Mission after = Await.result(missions.find(id)).orElseThrow();
    assertThat(after.targetRa()).isEqualTo(84.0);
    assertThat(after.targetDec()).isEqualTo(-5.5);
    assertThat(after.alertLocalization()).isEqualTo(new AlertLocalization(0.1, second, now));
    // Decided on the first notice, which is no longer the stored one: refused.
    assertThat(Await.result(states.relocate(stored, stored.relocated(1, 2, new AlertLocalization(1.0,
        second.plusSeconds(1), now))))).isFalse();
    assertThat(Await.result(missions.find(id)).orElseThrow().targetRa()).isEqualTo(84.0);
    // A mission stored without a notice time (before V013) is moved from "none".
    UUID old = UUID.randomUUID();
    Await.result(missions.create(mission(old, 95, MissionStatus.PENDING)));
    Mission plain = Await.result(missions.find(old)).orElseThrow();
    assertThat(Await.result(states.relocate(plain, plain.relocated(10, 20, new AlertLocalization(null, second,
        now))))).isTrue();
    // A closed mission never moves.
    Mission reread = Await.result(missions.find(old)).orElseThrow();
    assertThat(Await.result(states.move(reread, MissionStatus.CANCELLED, 0))).isTrue();
    Mission cancelled = Await.result(missions.find(old)).orElseThrow();
    assertThat(Await.result(states.relocate(cancelled, cancelled.relocated(11, 21, new AlertLocalization(null,
        second.plusSeconds(5), now))))).isFalse();
    assertThat(Await.result(missions.find(old)).orElseThrow().targetRa()).isEqualTo(10);
  }
}
