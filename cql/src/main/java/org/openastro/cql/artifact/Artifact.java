package org.openastro.cql.artifact;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.Fingerprint;
import org.openastro.domain.ArtifactType;

/** A science product (the artifacts table); {@code publicAfter} null means public now. */
public record Artifact(
    UUID artifactId,
    UUID missionId,
    UUID taskId,
    ArtifactType artifactType,
    String objectStoragePath,
    String sha256,
    Instant createdAt,
    Instant publicAfter,
    Set<UUID> contributingNodeIds,
    String registeredBy) {

  public Artifact {
    contributingNodeIds = contributingNodeIds == null ? Set.of() : Set.copyOf(contributingNodeIds);
  }

  public String creationFingerprint() {
    return Fingerprint.of(missionId, taskId, artifactType, objectStoragePath, sha256, publicAfter,
        contributingNodeIds);
  }

  /** Whether anonymous readers may see it at {@code now}. */
  public boolean isPublicAt(Instant now) {
    return publicAfter == null || !publicAfter.isAfter(now);
  }
}
