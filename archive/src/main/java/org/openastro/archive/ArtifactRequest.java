package org.openastro.archive;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.openastro.api.json.JsonErrors;
import org.openastro.api.json.StrictJson;
import org.openastro.cql.artifact.Artifact;
import org.openastro.domain.ArtifactType;

/**
 * Maps {@code POST /api/v1/artifacts} to a new {@link Artifact}. The body was checked against the
 * OpenAPI document's {@code ArtifactRegistration} schema before the route ran (required fields,
 * ids, the digest's form, the path's length and characters, no unknown fields: a misspelt
 * {@code public_after} must not publish an embargoed product). Whether the mission and task exist
 * is checked afterwards, against Cassandra.
 */
final class ArtifactRequest {
  private ArtifactRequest() {}

  /**
   * The artifact to register. {@code storeKey} names where content uploaded to this archive goes,
   * the path of an artifact registered without one.
   */
  static Artifact parse(JsonObject json, String registeredBy, Instant now, Function<UUID, String> storeKey) {
    StrictJson r = StrictJson.of(json, JsonErrors.HTTP);
    UUID given = r.uuid("artifact_id", false);
    UUID id = given == null ? UUID.randomUUID() : given;
    String path = r.string("object_storage_path", false);
    Instant publicAfter = r.instant("public_after", false);
    // Cassandra keeps milliseconds: the answer then shows what was stored
    return new Artifact(id, r.uuid("mission_id", true), r.uuid("task_id", false),
        r.enumValue("artifact_type", ArtifactType.class), path == null ? storeKey.apply(id) : path, sha256(r),
        now.truncatedTo(ChronoUnit.MILLIS), publicAfter == null ? null : publicAfter.truncatedTo(ChronoUnit.MILLIS),
        r.uuids("contributing_node_ids"), registeredBy);
  }

  /** Stored lower case, so that a replay in upper case is the same artifact. */
  private static String sha256(StrictJson r) {
    return r.string("sha256", true).toLowerCase(Locale.ROOT);
  }
}
