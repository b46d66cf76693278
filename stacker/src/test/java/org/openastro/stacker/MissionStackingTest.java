package org.openastro.stacker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.artifact.Artifact;
import org.openastro.domain.ArtifactType;

class MissionStackingTest {
  @Test
  void aMissionsStackIdIsTheSameEveryTimeAndDiffersBetweenMissions() {
    UUID mission = UUID.fromString("0b6f6c1e-5f0e-4c8e-9d55-6a1f3c2b7e10");
    assertThat(MissionStacking.stackIdOf(mission)).isEqualTo(MissionStacking.stackIdOf(
        UUID.fromString(mission.toString())));
    assertThat(MissionStacking.stackIdOf(mission)).isNotEqualTo(mission)
        .isNotEqualTo(MissionStacking.stackIdOf(UUID.randomUUID()));
  }

  @Test
  void theStackIsEmbargoedUntilItsLastInputIsPublic() {
    Instant early = Instant.parse("2027-01-01T00:00:00Z");
    Instant late = Instant.parse("2027-06-01T00:00:00Z");
    assertThat(MissionStacking.embargoOf(List.of(frame(null), frame(late), frame(early)))).isEqualTo(late);
    assertThat(MissionStacking.embargoOf(List.of(frame(null), frame(null)))).isNull();
  }

  @Test
  void contributingNodesAreTheInputsNodes() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    Artifact one = new Artifact(UUID.randomUUID(), UUID.randomUUID(), null, ArtifactType.RAW_FITS, "k", "0".repeat(64),
        Instant.EPOCH, null, Set.of(a), "p");
    Artifact two = new Artifact(UUID.randomUUID(), UUID.randomUUID(), null, ArtifactType.RAW_FITS, "k", "0".repeat(64),
        Instant.EPOCH, null, Set.of(a, b), "p");
    assertThat(MissionStacking.nodesOf(List.of(one, two))).containsExactlyInAnyOrder(a, b);
  }

  private static Artifact frame(Instant publicAfter) {
    return new Artifact(UUID.randomUUID(), UUID.randomUUID(), null, ArtifactType.RAW_FITS, "k", "0".repeat(64),
        Instant.EPOCH, publicAfter, Set.of(), "p");
  }
}
