package org.openastro.cql.requestgroup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.Fingerprint;

/**
 * An LCO observation-portal request group as stored (the request_groups table): who sent it, its
 * group-level fields, the ids of its requests in the order submitted (each the id of the mission
 * it became) and the JSON as submitted, which reads echo back. Its state is never stored: it is
 * read from the missions.
 */
public record RequestGroup(
    UUID requestGroupId,
    String owner,
    String name,
    String proposal,
    String operator,
    String observationType,
    double ippValue,
    List<UUID> requestIds,
    String submitted,
    Instant createdAt) {

  public RequestGroup {
    requestIds = List.copyOf(requestIds);
  }

  /** What the client sent; equal fingerprints mean a replay (a retried create), not a conflict. */
  public String creationFingerprint() {
    return Fingerprint.of(owner, name, proposal, operator, observationType, ippValue, requestIds.toString(), submitted);
  }
}
