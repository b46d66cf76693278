package org.openastro.cql.mission;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.Fingerprint;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ObservationType;
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
    Instant createdAt,
    ObservationType observationType) {

  public Mission {
    requiredFilters = requiredFilters == null ? Set.of() : Set.copyOf(requiredFilters);
    observationType = observationType == null ? ObservationType.NORMAL : observationType;
  }

  /** A NORMAL mission (the observation class left out). */
  public Mission(UUID missionId, double targetRa, double targetDec, ScienceCase scienceCase,
      double totalExposureRequiredS, double totalExposureCompletedS, int priority, Instant timeConstraintStart,
      Instant timeConstraintEnd, MissionStatus status, String alertSourceId, double minAltitudeDeg, boolean nightOnly,
      Set<String> requiredFilters, Double minApertureMm, Double minFovDeg, String owner, Instant createdAt) {
    this(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS, priority,
        timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly, requiredFilters,
        minApertureMm, minFovDeg, owner, createdAt, ObservationType.NORMAL);
  }

  /** This mission in another observation class. */
  public Mission withObservationType(ObservationType type) {
    return new Mission(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS,
        priority, timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly,
        requiredFilters, minApertureMm, minFovDeg, owner, createdAt, type);
  }

  /** What the submitter asked for; equal fingerprints mean a replay, not a conflict. */
  public String creationFingerprint() {
    return Fingerprint.of(targetRa, targetDec, scienceCase, totalExposureRequiredS, priority,
        timeConstraintStart, timeConstraintEnd, alertSourceId, minAltitudeDeg, nightOnly,
        requiredFilters, minApertureMm, minFovDeg, owner)
        // Only a non-default class enters the fingerprint: missions stored before it keep theirs.
        + (observationType == ObservationType.NORMAL ? "" : ":" + observationType);
  }
}
