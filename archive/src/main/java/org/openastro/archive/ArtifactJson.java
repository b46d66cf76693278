package org.openastro.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.artifact.Artifact;

/** An artifact on the wire (DESIGN.md "On the wire", plus {@code task_id} and {@code registered_by}). */
final class ArtifactJson {
  private ArtifactJson() {}

  static JsonObject of(Artifact a) {
    JsonArray contributors = new JsonArray();
    a.contributingNodeIds().stream().map(UUID::toString).sorted().forEach(contributors::add);
    return new JsonObject()
        .put("artifact_id", a.artifactId().toString())
        .put("mission_id", a.missionId().toString())
        .put("task_id", a.taskId() == null ? null : a.taskId().toString())
        .put("artifact_type", a.artifactType().name())
        .put("object_storage_path", a.objectStoragePath())
        .put("sha256", a.sha256())
        .put("created_at", time(a.createdAt()))
        .put("public_after", time(a.publicAfter()))
        .put("contributing_node_ids", contributors)
        .put("registered_by", a.registeredBy());
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
