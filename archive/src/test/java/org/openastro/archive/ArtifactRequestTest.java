package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.api.http.ApiException;
import org.openastro.cql.artifact.Artifact;
import org.openastro.domain.ArtifactType;

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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing mission | mission_id      |                      | mission_id",
      "bad mission     | mission_id      | \"1-1-1-1-1\"        | mission_id",
      "missing type    | artifact_type   |                      | artifact_type",
      "unknown type    | artifact_type   | \"PHOTO\"            | artifact_type",
      "short hash      | sha256          | \"abc\"              | sha256",
      "hash not hex    | sha256          | \"zz\"             | sha256",
      "number path     | object_storage_path | 7                | object_storage_path",
      "empty path      | object_storage_path | \"\"             | object_storage_path",
      "bad time        | public_after    | \"tomorrow\"         | public_after",
      "bad node id     | contributing_node_ids | [\"x\"]        | contributing_node_ids",
      "bad task        | task_id         | 5                    | task_id",
      "misspelt field  | publicafter     | \"2027-01-01T00:00:00Z\" | publicafter",
  })
  void refusalsNameTheField(String name, String field, String value, String expectedField) {
    JsonObject json = valid();
    if (value == null) {
      json.remove(field);
    } else {
      json.put(field, new JsonObject("{\"v\": " + value + "}").getValue("v"));
    }
    assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.error().field()).isEqualTo(expectedField));
  }
}
