package org.openastro.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.archive.store.Sha256;
import org.openastro.cql.artifact.Artifact;
import org.openastro.domain.ArtifactType;

/**
 * Parses and validates {@code POST /api/v1/artifacts}. Every refusal names the field; unknown
 * fields are refused (a misspelt {@code public_after} must not publish an embargoed product).
 * Whether the mission and task exist is checked afterwards, against Cassandra.
 */
final class ArtifactRequest {
  static final Set<String> FIELDS = Set.of("artifact_id", "mission_id", "artifact_type", "object_storage_path",
      "sha256", "contributing_node_ids", "public_after", "task_id");
  static final int MAX_PATH_LENGTH = 1024;
  static final int MAX_CONTRIBUTORS = 1024;

  private final JsonObject json;

  private ArtifactRequest(JsonObject json) {
    this.json = json;
  }

  /**
   * The artifact to register. {@code storeKey} names where content uploaded to this archive goes,
   * the path of an artifact registered without one.
   */
  static Artifact parse(JsonObject json, String registeredBy, Instant now, Function<UUID, String> storeKey) {
    for (String name : json.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw ApiException.unknown(name);
      }
    }
    ArtifactRequest r = new ArtifactRequest(json);
    UUID given = r.uuid("artifact_id", false);
    UUID id = given == null ? UUID.randomUUID() : given;
    UUID mission = r.uuid("mission_id", true);
    ArtifactType type = r.type();
    String path = r.path();
    String sha = r.sha256();
    Set<UUID> contributors = r.contributors();
    Instant publicAfter = r.instant("public_after");
    UUID task = r.uuid("task_id", false);
    return new Artifact(id, mission, task, type, path == null ? storeKey.apply(id) : path, sha,
        now.truncatedTo(ChronoUnit.MILLIS), publicAfter, contributors, registeredBy);
  }

  private UUID uuid(String name, boolean required) {
    Object v = json.getValue(name);
    if (v == null) {
      if (required) {
        throw ApiException.missing(name);
      }
      return null;
    }
    UUID id = uuidOf(v);
    if (id == null) {
      throw invalid(name, name + " must be a UUID string like 3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b");
    }
    return id;
  }

  private static UUID uuidOf(Object v) {
    if (v instanceof String s) {
      try {
        UUID id = UUID.fromString(s);
        // UUID.fromString accepts short groups ("1-1-1-1-1"); only the canonical form is an id
        return id.toString().equals(s.toLowerCase(Locale.ROOT)) ? id : null;
      } catch (IllegalArgumentException ignored) {
        return null;
      }
    }
    return null;
  }

  private ArtifactType type() {
    Object v = json.getValue("artifact_type");
    if (v == null) {
      throw ApiException.missing("artifact_type");
    }
    if (v instanceof String s) {
      for (ArtifactType t : ArtifactType.values()) {
        if (t.name().equals(s.toUpperCase(Locale.ROOT))) {
          return t;
        }
      }
    }
    throw invalid("artifact_type", "artifact_type must be one of " + Arrays.toString(ArtifactType.values()));
  }

  private String path() {
    Object v = json.getValue("object_storage_path");
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > MAX_PATH_LENGTH || s.chars().anyMatch(c -> c < 0x20)) {
      throw invalid("object_storage_path", "object_storage_path must be a non-empty string of at most "
          + MAX_PATH_LENGTH + " characters without control characters");
    }
    return s;
  }

  private String sha256() {
    Object v = json.getValue("sha256");
    if (v == null) {
      throw ApiException.missing("sha256");
    }
    String canonical = v instanceof String s ? Sha256.canonical(s) : null;
    if (canonical == null) {
      throw invalid("sha256", "sha256 must be the content's SHA-256 as 64 hexadecimal digits");
    }
    return canonical;
  }

  private Set<UUID> contributors() {
    Object v = json.getValue("contributing_node_ids");
    if (v == null) {
      return Set.of();
    }
    if (!(v instanceof JsonArray a) || a.size() > MAX_CONTRIBUTORS) {
      throw invalid("contributing_node_ids", "contributing_node_ids must be an array of at most "
          + MAX_CONTRIBUTORS + " node ids");
    }
    Set<UUID> out = new LinkedHashSet<>();
    for (Object item : a) {
      UUID id = uuidOf(item);
      if (id == null) {
        throw invalid("contributing_node_ids", "contributing_node_ids entries must be UUID strings");
      }
      out.add(id);
    }
    return out;
  }

  private Instant instant(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      try {
        // Cassandra keeps milliseconds: the answer then shows what was stored
        return Instant.parse(s).truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException ignored) {
        // refused below
      }
    }
    throw invalid(name, name + " must be an ISO-8601 UTC time like 2026-03-20T21:00:00Z, or null");
  }

  private static ApiException invalid(String field, String message) {
    return ApiException.invalid(field, message);
  }
}
