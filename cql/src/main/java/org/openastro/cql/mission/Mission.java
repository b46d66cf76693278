package org.openastro.cql.mission;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.Fingerprint;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.ScienceCase;

/**
 * A science mission as stored (the missions table); constraints null when the mission sets none.
 * {@code exposureTimeS} is the length of one frame when the mission is observed in whole frames,
 * null when any number of seconds will do.
 */
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
    MissionConstraints constraints,
    ObservationType observationType,
    Double exposureTimeS,
    AlertLocalization alertLocalization) {

  public Mission {
    requiredFilters = requiredFilters == null ? Set.of() : Set.copyOf(requiredFilters);
    constraints = constraints == null ? MissionConstraints.NONE : constraints;
    observationType = observationType == null ? ObservationType.NORMAL : observationType;
    alertLocalization = alertLocalization == null ? AlertLocalization.NONE : alertLocalization;
  }

  /** A mission without an alert's localization (every mission but an alert's). */
  public Mission(UUID missionId, double targetRa, double targetDec, ScienceCase scienceCase,
      double totalExposureRequiredS, double totalExposureCompletedS, int priority,
      Instant timeConstraintStart, Instant timeConstraintEnd, MissionStatus status, String alertSourceId,
      double minAltitudeDeg, boolean nightOnly, Set<String> requiredFilters, Double minApertureMm,
      Double minFovDeg, String owner, Instant createdAt, MissionConstraints constraints,
      ObservationType observationType, Double exposureTimeS) {
    this(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS, priority,
        timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly, requiredFilters,
        minApertureMm, minFovDeg, owner, createdAt, constraints, observationType, exposureTimeS,
        AlertLocalization.NONE);
  }

  /** A NORMAL mission without observing constraints beyond altitude and night (issue 13). */
  public Mission(UUID missionId, double targetRa, double targetDec, ScienceCase scienceCase,
      double totalExposureRequiredS, double totalExposureCompletedS, int priority,
      Instant timeConstraintStart, Instant timeConstraintEnd, MissionStatus status, String alertSourceId,
      double minAltitudeDeg, boolean nightOnly, Set<String> requiredFilters, Double minApertureMm,
      Double minFovDeg, String owner, Instant createdAt) {
    this(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS, priority,
        timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly, requiredFilters,
        minApertureMm, minFovDeg, owner, createdAt, MissionConstraints.NONE, ObservationType.NORMAL, null);
  }

  /** A NORMAL mission with observing constraints. */
  public Mission(UUID missionId, double targetRa, double targetDec, ScienceCase scienceCase,
      double totalExposureRequiredS, double totalExposureCompletedS, int priority,
      Instant timeConstraintStart, Instant timeConstraintEnd, MissionStatus status, String alertSourceId,
      double minAltitudeDeg, boolean nightOnly, Set<String> requiredFilters, Double minApertureMm,
      Double minFovDeg, String owner, Instant createdAt, MissionConstraints constraints) {
    this(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS, priority,
        timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly, requiredFilters,
        minApertureMm, minFovDeg, owner, createdAt, constraints, ObservationType.NORMAL, null);
  }

  /** A mission of {@code type} without observing constraints beyond altitude and night. */
  public Mission(UUID missionId, double targetRa, double targetDec, ScienceCase scienceCase,
      double totalExposureRequiredS, double totalExposureCompletedS, int priority,
      Instant timeConstraintStart, Instant timeConstraintEnd, MissionStatus status, String alertSourceId,
      double minAltitudeDeg, boolean nightOnly, Set<String> requiredFilters, Double minApertureMm,
      Double minFovDeg, String owner, Instant createdAt, ObservationType type) {
    this(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS, priority,
        timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly, requiredFilters,
        minApertureMm, minFovDeg, owner, createdAt, MissionConstraints.NONE, type, null);
  }

  /** This mission with {@code c} as its observing constraints. */
  public Mission withConstraints(MissionConstraints c) {
    return new Mission(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS,
        totalExposureCompletedS, priority, timeConstraintStart, timeConstraintEnd, status, alertSourceId,
        minAltitudeDeg, nightOnly, requiredFilters, minApertureMm, minFovDeg, owner, createdAt, c, observationType,
        exposureTimeS, alertLocalization);
  }

  /** This mission in another observation class. */
  public Mission withObservationType(ObservationType type) {
    return new Mission(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS,
        priority, timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly,
        requiredFilters, minApertureMm, minFovDeg, owner, createdAt, constraints, type, exposureTimeS, alertLocalization);
  }

  /** This mission observed in whole frames of {@code frameS} seconds (null: continuous). */
  public Mission withExposureTimeS(Double frameS) {
    return new Mission(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS,
        priority, timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly,
        requiredFilters, minApertureMm, minFovDeg, owner, createdAt, constraints, observationType, frameS,
        alertLocalization);
  }

  /** This mission with {@code l} as its alert's localization (the target unchanged). */
  public Mission withAlertLocalization(AlertLocalization l) {
    return new Mission(missionId, targetRa, targetDec, scienceCase, totalExposureRequiredS, totalExposureCompletedS,
        priority, timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly,
        requiredFilters, minApertureMm, minFovDeg, owner, createdAt, constraints, observationType, exposureTimeS, l);
  }

  /** This mission pointed at ({@code ra}, {@code dec}) with {@code l} as its alert's localization. */
  public Mission relocated(double ra, double dec, AlertLocalization l) {
    return new Mission(missionId, ra, dec, scienceCase, totalExposureRequiredS, totalExposureCompletedS,
        priority, timeConstraintStart, timeConstraintEnd, status, alertSourceId, minAltitudeDeg, nightOnly,
        requiredFilters, minApertureMm, minFovDeg, owner, createdAt, constraints, observationType, exposureTimeS, l);
  }

  /**
   * What the submitter asked for; equal fingerprints mean a replay, not a conflict. An alert's
   * localization is not part of it: later notices move it, and the mission stays the same.
   */
  public String creationFingerprint() {
    return Fingerprint.of(targetRa, targetDec, scienceCase, totalExposureRequiredS, priority,
        timeConstraintStart, timeConstraintEnd, alertSourceId, minAltitudeDeg, nightOnly,
        requiredFilters, minApertureMm, minFovDeg, owner)
        // Constraints and a class count only when set, so missions created before them keep their fingerprint.
        + (constraints.isNone() ? "" : Fingerprint.of(constraints))
        + (observationType == ObservationType.NORMAL ? "" : ":" + observationType)
        + (exposureTimeS == null ? "" : ":frames " + exposureTimeS);
  }
}
