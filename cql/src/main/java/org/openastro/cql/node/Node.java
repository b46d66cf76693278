package org.openastro.cql.node;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.Fingerprint;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;

/** A telescope node as stored: registration, capabilities and state (the nodes table). */
public record Node(
    UUID nodeId,
    NodeStatus status,
    double lat,
    double lon,
    double elevationM,
    double apertureMm,
    double fovDeg,
    Set<String> filters,
    MountType mountType,
    ControlProtocol controlProtocol,
    double reliabilityScore,
    UUID currentTaskId,
    String secretHash,
    Instant registeredAt,
    Instant statusChangedAt) {

  public Node {
    filters = filters == null ? Set.of() : Set.copyOf(filters);
  }

  /** What the client said at registration; equal fingerprints mean a replay, not a conflict. */
  public String registrationFingerprint() {
    return Fingerprint.of(lat, lon, elevationM, apertureMm, fovDeg, filters, mountType, controlProtocol);
  }
}
