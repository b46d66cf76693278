package org.openastro.domain;

/** What a mission asks when its submitter leaves a constraint out: one value for every intake. */
public final class MissionDefaults {
  /** Lowest altitude (degrees) at which a target counts as visible. */
  public static final double MIN_ALTITUDE_DEG = 30.0;

  private MissionDefaults() {}
}
