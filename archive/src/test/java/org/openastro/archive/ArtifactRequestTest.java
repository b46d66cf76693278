package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.artifact.Artifact;
import org.openastro.domain.ArtifactType;

/**
 * The mapping of a registration to an {@link Artifact}. What a registration may hold is the OpenAPI
 * document's {@code ArtifactRegistration} schema, enforced before the route runs; its refusals
 * are tested in {@code OpenApiValidationIT} (api module).
 */
class ArtifactRequestTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");
  static final UUID MISSION = UUID.fromString("3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b");

  static JsonObject valid() {
    return new JsonObject().put("mission_id", MISSION.toString()).put("artifact_type", "stacked_fits")
        .put("sha256", "AB".repeat(32));
  }

  static Artifact parse(JsonObject json) {
    return ArtifactRequest.parse(json, "pipe", NOW, id -> "artifacts/" + id);
  }

  @Test
  void minimalRequestGetsAnIdAndTheStoresPath() {
    Artifact a = parse(valid());
    assertThat(a.missionId()).isEqualTo(MISSION);
    assertThat(a.artifactType()).isEqualTo(ArtifactType.STACKED_FITS);
    assertThat(a.objectStoragePath()).isEqualTo("artifacts/" + a.artifactId());
    assertThat(a.sha256()).isEqualTo("ab".repeat(32));
    assertThat(a.publicAfter()).isNull();
    assertThat(a.createdAt()).isEqualTo(Instant.parse("2026-06-01T12:00:00.123Z"));
    assertThat(a.registeredBy()).isEqualTo("pipe");
  }

  @Test
  void replayOfTheSameRequestHasTheSameFingerprint() {
    UUID id = UUID.randomUUID();
    JsonObject json = valid().put("artifact_id", id.toString()).put("public_after", "2027-01-01T00:00:00Z")
        .put("contributing_node_ids", new JsonArray().add(UUID.randomUUID().toString()).add(UUID.randomUUID().toString()));
    Artifact first = parse(json);
    Artifact later = ArtifactRequest.parse(json, "pipe", NOW.plusSeconds(60), x -> "artifacts/" + x);
    assertThat(later.creationFingerprint()).isEqualTo(first.creationFingerprint());
    assertThat(first.artifactId()).isEqualTo(id);
    assertThat(first.contributingNodeIds()).hasSize(2);
  }
}
