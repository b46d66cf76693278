package org.openastro.app;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.openastro.scheduler.astro.Site;
import org.openastro.scheduler.astro.Target;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.astro.VisibilityCalculator;

/**
 * A site where it is deep night now (near local midnight, 15°N) and a target at its zenith, so a
 * node there sees the target now whatever the time the test runs; checked with the scheduler's own
 * visibility calculation.
 */
record NightSky(Site site, Target target) {
  static NightSky now(Instant now) {
    double utcHours = now.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
    // The Sun is over longitude 180 - 15 h (±4° equation of time): midnight is opposite it.
    double lon = normalize(360 - 15 * utcHours);
    double lat = 15;
    double jd = now.toEpochMilli() / 86_400_000.0 + 2_440_587.5;
    double gmst = 280.46061837 + 360.98564736629 * (jd - 2_451_545.0);
    double ra = ((gmst + lon) % 360 + 360) % 360;
    NightSky sky = new NightSky(new Site(lat, lon, 100), new Target(ra, lat));
    List<TimeWindow> windows = VisibilityCalculator.windows(sky.site, sky.target, now, now.plus(Duration.ofHours(2)),
        VisibilityCalculator.DEFAULT_MIN_ALTITUDE_DEG, true, VisibilityCalculator.DEFAULT_SUN_MAX_ALTITUDE_DEG);
    // Windows are rounded to the millisecond: "open now" is "opens within a second".
    if (windows.isEmpty() || windows.get(0).start().isAfter(now.plusSeconds(1))
        || windows.get(0).end().isBefore(now.plus(Duration.ofMinutes(90)))) {
      throw new IllegalStateException("the chosen site does not see its zenith now: " + sky + " " + windows);
    }
    return sky;
  }

  private static double normalize(double lon) {
    double l = ((lon % 360) + 360) % 360;
    return l > 180 ? l - 360 : l;
  }
}
