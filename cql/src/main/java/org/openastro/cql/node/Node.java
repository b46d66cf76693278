package org.openastro.cql.node;

import java.time.Instant;
import java.util.List;
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
    Instant statusChangedAt,
    List<HorizonPoint> horizon) {

  public Node {
    filters = filters == null ? Set.of() : Set.copyOf(filters);
    horizon = horizon == null ? List.of() : List.copyOf(horizon);
  }

  /** A node without a horizon mask (issue 13). */
  public Node(UUID nodeId, NodeStatus status, double lat, double lon, double elevationM, double apertureMm,
      double fovDeg, Set<String> filters, MountType mountType, ControlProtocol controlProtocol,
      double reliabilityScore, UUID currentTaskId, String secretHash, Instant registeredAt,
      Instant statusChangedAt) {
    this(nodeId, status, lat, lon, elevationM, apertureMm, fovDeg, filters, mountType, controlProtocol,
        reliabilityScore, currentTaskId, secretHash, registeredAt, statusChangedAt, List.of());
  }

  /** This node with {@code points} as its horizon mask. */
  public Node withHorizon(List<HorizonPoint> points) {
    return new Node(nodeId, status, lat, lon, elevationM, apertureMm, fovDeg, filters, mountType, controlProtocol,
        reliabilityScore, currentTaskId, secretHash, registeredAt, statusChangedAt, points);
  }

  /** What the client said at registration; equal fingerprints mean a replay, not a conflict. */
  public String registrationFingerprint() {
    // The horizon counts only when given, so nodes registered before it keep their fingerprint.
    return Fingerprint.of(lat, lon, elevationM, apertureMm, fovDeg, filters, mountType, controlProtocol)
        + (horizon.isEmpty() ? "" : Fingerprint.of(horizon));
  }
}
