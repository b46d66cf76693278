package org.openastro.bench.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.openastro.scheduler.astro.Site;
import org.openastro.scheduler.astro.Target;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.astro.VisibilityCalculator;

/**
 * A site where it is deep night when the benchmark runs (near local midnight, 15°N) and targets
 * near its zenith, so nodes there see every alert's target now, whatever the hour; each target is
 * checked with the scheduler's own visibility calculation.
 */
record NightSite(Site site, Instant at) {
  static NightSite now() {
    Instant now = Instant.now();
    double utcHours = now.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
    // The Sun is over longitude 180 - 15 h (within the equation of time): midnight is opposite.
    double lon = ((360 - 15 * utcHours) % 360 + 360) % 360;
    return new NightSite(new Site(15, lon > 180 ? lon - 360 : lon, 100), now);
  }

  /** A target within {@code offsetDeg} of the zenith now, that stays visible for at least an hour. */
  Target target(double dRa, double dDec) {
    Instant now = Instant.now();
    double jd = now.toEpochMilli() / 86_400_000.0 + 2_440_587.5;
    double gmst = 280.46061837 + 360.98564736629 * (jd - 2_451_545.0);
    double ra = (((gmst + site.longitudeDeg() + dRa) % 360) + 360) % 360;
    Target target = new Target(ra, site.latitudeDeg() + dDec);
    List<TimeWindow> windows = VisibilityCalculator.windows(site, target, now, now.plus(Duration.ofHours(2)),
        VisibilityCalculator.DEFAULT_MIN_ALTITUDE_DEG, true, VisibilityCalculator.DEFAULT_SUN_MAX_ALTITUDE_DEG);
    // Windows are rounded to the millisecond: "open now" is "opens within a second".
    if (windows.isEmpty() || windows.get(0).start().isAfter(now.plusSeconds(1))
        || windows.get(0).end().isBefore(now.plus(Duration.ofHours(1)))) {
      throw new IllegalStateException("target " + target + " is not visible now from " + site + ": " + windows);
    }
    return target;
  }
}
