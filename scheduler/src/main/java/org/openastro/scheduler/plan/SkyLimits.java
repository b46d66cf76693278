package org.openastro.scheduler.plan;

import java.time.Instant;

/**
 * What a sky promises about every window it gives for one mission, whatever the node: the target
 * is at least {@code minTargetAltitudeDeg} high throughout it, the Sun (when {@code night}) at
 * most {@code sunMaxAltitudeDeg}, and it lies within [{@code notBefore}, {@code notAfter}) (null:
 * open). Necessary conditions only, a sky may cut windows further (Moon, horizon masks, hour
 * angle): the assigner's prefilter of free nodes ({@link SiteBound}) is built on them, so a
 * promise the sky does not keep would make the assigner miss nodes. {@link #NONE} promises
 * nothing, and then nothing is prefiltered.
 */
public record SkyLimits(double minTargetAltitudeDeg, boolean night, double sunMaxAltitudeDeg,
    Instant notBefore, Instant notAfter) {
  public static final SkyLimits NONE = new SkyLimits(-90, false, 90, null, null);
}
