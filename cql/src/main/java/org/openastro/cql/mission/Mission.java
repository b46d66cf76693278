package org.openastro.cql.mission;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.Fingerprint;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;

/** A science mission as stored (the missions table); constraints null when the mission sets none. */
public record Mission(
    UUID missionId,
    double targetRa,
    double targetDec,
    ScienceCase scienceCase,
    double totalExposureRequiredS,
    double totalExposureCompletedS,
    int priority,
    Instant timeConstraintStart,
    Instant timeConstraintEnd,
    MissionStatus status,
    String alertSourceId,
    double minAltitudeDeg,
    boolean nightOnly,
    Set<String> requiredFilters,
    Double minApertureMm,
    Double minFovDeg,
    String owner,
    Instant createdAt) {

  public Mission {
    requiredFilters = requiredFilters == null ? Set.of() : Set.copyOf(requiredFilters);
  }

  /** What the submitter asked for; equal fingerprints mean a replay, not a conflict. */
  public String creationFingerprint() {
    return Fingerprint.of(targetRa, targetDec, scienceCase, totalExposureRequiredS, priority,
        timeConstraintStart, timeConstraintEnd, alertSourceId, minAltitudeDeg, nightOnly,
        requiredFilters, minApertureMm, minFovDeg, owner);
  }
}
