package org.openastro.api.intake;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a notice places its event: the position (J2000 degrees), the radius of its error (degrees;
 * null when the notice gives none) and the notice's own issue time (null when it gives none), cut
 * to milliseconds as Cassandra keeps it, so the same notice read again compares equal to the stored one.
 * For one pointing of a tiled alert, {@code pointingRank} is its rank (1 = the most probable) and
 * {@code pointingProbability} the share of the localization's probability it encloses (both null
 * when the alert is not tiled).
 */
public record Localization(double ra, double dec, Double errorRadiusDeg, Instant noticeAt, Integer pointingRank,
    Double pointingProbability) {
  public Localization {
    noticeAt = noticeAt == null ? null : noticeAt.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The localization of an alert that fits one field. */
  public Localization(double ra, double dec, Double errorRadiusDeg, Instant noticeAt) {
    this(ra, dec, errorRadiusDeg, noticeAt, null, null);
  }
}
