package org.openastro.cql.mission;

/**
 * A mission's observing constraints beyond altitude and night (issue 13), as stored; each null
 * when the mission does not set it ("off"; {@code sunMaxAltitudeDeg} null = the scheduler's
 * setting). Ranges are checked at the API (OpenAPI schema) and again by the scheduler's model.
 */
public record MissionConstraints(Double maxAirmass, Double minMoonSeparationDeg,
    Double maxMoonIllumination, Double sunMaxAltitudeDeg, Double maxHourAngleH) {
  public static final MissionConstraints NONE = new MissionConstraints(null, null, null, null, null);

  public boolean isNone() {
    return equals(NONE);
  }
}
