package org.openastro.cql.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.ArtifactType;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

@ExtendWith(CassandraExtension.class)
class ArtifactRepositoryIT {
  static TestKeyspace keyspace;
  static ArtifactRepository artifacts;

  @BeforeAll
  static void schema(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    artifacts = new ArtifactRepository(keyspace.session());
  }

  @AfterAll
  static void drop() {
    keyspace.close();
  }

  static Artifact artifact(UUID id, UUID mission, Instant createdAt, Instant publicAfter, String sha) {
    return new Artifact(id, mission, null, ArtifactType.LIGHT_CURVE, "missions/" + mission + "/lc.csv",
        sha, createdAt, publicAfter, Set.of(UUID.randomUUID()), "pipeline");
  }

  @Test
  void listedNewestFirstWithEmbargo() {
    UUID mission = UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    UUID older = UUID.randomUUID();
    UUID newer = UUID.randomUUID();
    Await.result(artifacts.register(artifact(older, mission, t0, null, "a".repeat(64))));
    Await.result(artifacts.register(artifact(newer, mission, t0.plusSeconds(5), t0.plus(365, ChronoUnit.DAYS), "b".repeat(64))));

    var listed = Await.result(artifacts.listByMission(mission));
    assertThat(listed).extracting(ArtifactRepository.ArtifactSummary::artifactId).containsExactly(newer, older);
    assertThat(listed.get(0).publicAfter()).isAfter(t0);
    assertThat(Await.result(artifacts.find(newer)).orElseThrow().isPublicAt(t0)).isFalse();
    assertThat(Await.result(artifacts.find(older)).orElseThrow().isPublicAt(t0)).isTrue();
  }

  @Test
  void sameIdOtherHashIsAConflict() {
    UUID id = UUID.randomUUID();
    UUID mission = UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Artifact a = artifact(id, mission, t0, null, "c".repeat(64));
    Await.result(artifacts.register(a));
    assertThat(Await.result(artifacts.register(a)).created()).isFalse();
    assertThatThrownBy(() -> Await.result(artifacts.register(artifact(id, mission, t0, null, "d".repeat(64)))))
        .isInstanceOf(IdConflictException.class);
  }
}
