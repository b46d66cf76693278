package org.openastro.api.intake;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a notice places its event: the position (J2000 degrees), the radius of its error (degrees;
 * null when the notice gives none) and the notice's own issue time (null when it gives none), cut
 * to milliseconds as Cassandra keeps it, so the same notice read again compares equal to the stored one.
 */
public record Localization(double ra, double dec, Double errorRadiusDeg, Instant noticeAt) {
  public Localization {
    noticeAt = noticeAt == null ? null : noticeAt.truncatedTo(ChronoUnit.MILLIS);
  }
}
