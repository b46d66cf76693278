package org.openastro.scheduler.astro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Moon against Meeus' worked example and against astropy (values printed by
 * {@code tools/astro-reference/print_moon_reference_values.py}): topocentric place within 15",
 * separation from a target within 15", illuminated fraction within 0.001.
 */
class MoonTest {
  private static final double ARCSEC = 1.0 / 3600.0;

  /** utc, lat, lon, elevation, target ra, dec; astropy: alt, az, separation, illumination. */
  private static final Object[][] ASTROPY = {
      {"2026-01-03T06:00:00Z", 52.0, 0.1, 20.0, 100.0, 25.0, 19.644367, 288.527528, 1.832759, 0.998120},
      {"2026-03-20T22:30:00Z", -33.0, -70.7, 1500.0, 150.0, 10.0, 12.967530, 296.276764, 124.338409, 0.047411},
      {"2026-05-31T12:00:00Z", 19.82, -155.47, 4200.0, 250.0, -20.0, 36.824553, 207.509410, 7.766323, 0.997984},
      {"2026-08-10T02:00:00Z", 70.0, 23.0, 10.0, 40.0, 15.0, 23.927938, 79.270597, 59.051705, 0.098420},
      {"2026-11-24T18:45:00Z", 0.0, 37.0, 1500.0, 330.0, -5.0, 42.953205, 52.794363, 94.107017, 0.997779},
      {"2026-12-21T00:00:00Z", -60.0, 150.0, 0.0, 210.0, -60.0, -50.287601, 154.636949, 141.136049, 0.865706},
  };

  /** Meeus example 47.a: 1992 April 12, 0h TD. */
  @Test
  void meeusExample47a() {
    double jde = 2448724.5;
    double t = (jde - 2451545.0) / 36525.0;
    double[] ecl = MoonPosition.ecliptic(t);
    assertThat(ecl[0]).isCloseTo(133.162655, within(2e-6));
    assertThat(ecl[1]).isCloseTo(-3.229126, within(2e-6));
    assertThat(ecl[2]).isCloseTo(368409.7, within(0.1));
  }

  @Test
  void topocentricPlaceSeparationAndIlluminationMatchAstropy() {
    double worstPlace = 0;
    double worstSep = 0;
    for (Object[] row : ASTROPY) {
      Instant t = Instant.parse((String) row[0]);
      Site site = new Site(d(row[1]), d(row[2]), d(row[3]));
      SiteDay day = SiteDay.containing(site, t, -12);
      MoonTrack track = MoonTrack.covering(t.minusSeconds(3600), t.plusSeconds(3600));
      double s = AstroTime.epochSeconds(t);
      double[] m = ConstrainedWindowFinder.topocentricMoon(day, track, s);
      double place = separationDeg(m[3], m[4], d(row[6]), d(row[7]));
      ApparentTarget target = ApparentTarget.at(new Target(d(row[4]), d(row[5])), t);
      double sep = ConstrainedWindowFinder.moonSeparationDeg(day, target, track, s);
      worstPlace = Math.max(worstPlace, place);
      worstSep = Math.max(worstSep, Math.abs(sep - d(row[8])));
      assertThat(place).as("topocentric place %s", row[0]).isLessThan(15 * ARCSEC);
      assertThat(sep).as("separation %s", row[0]).isCloseTo(d(row[8]), within(15 * ARCSEC));
      assertThat(track.illuminatedFraction(t)).as("illumination %s", row[0])
          .isCloseTo(d(row[9]), within(0.001));
    }
    System.out.printf("Moon vs astropy: place %.1f\", separation %.1f\" at worst%n",
        worstPlace * 3600, worstSep * 3600);
  }

  @Test
  void parallaxIsAboutADegreeOnTheHorizon() {
    // Topocentric minus geocentric direction, for the Moon low in the sky: ~57' × cos(alt).
    Instant t = Instant.parse("2026-03-20T22:30:00Z");
    Site site = new Site(-33.0, -70.7, 0);
    SiteDay day = SiteDay.containing(site, t, -12);
    MoonTrack track = MoonTrack.covering(t, t.plusSeconds(60));
    double s = AstroTime.epochSeconds(t);
    double[] topo = ConstrainedWindowFinder.topocentricMoon(day, track, s);
    double[] geo = new double[3];
    track.vectorKm(s, geo);
    double r = Math.sqrt(geo[0] * geo[0] + geo[1] * geo[1] + geo[2] * geo[2]);
    double cos = (geo[0] * topo[0] + geo[1] * topo[1] + geo[2] * topo[2]) / r;
    double parallax = Math.toDegrees(Math.acos(cos));
    assertThat(parallax).isBetween(0.85 * Math.cos(Math.toRadians(topo[3])),
        1.0 * Math.cos(Math.toRadians(topo[3])));
  }

  @Test
  void illuminationFollowsThePhases() {
    // 2026: full Moon 2026-01-03 10:03 UTC, new Moon 2026-01-18 19:52 UTC.
    MoonTrack track = MoonTrack.covering(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-31T00:00:00Z"));
    assertThat(track.illuminatedFraction(Instant.parse("2026-01-03T10:03:00Z"))).isGreaterThan(0.99);
    assertThat(track.illuminatedFraction(Instant.parse("2026-01-18T19:52:00Z"))).isLessThan(0.01);
    assertThat(track.illuminatedFraction(Instant.parse("2026-01-10T12:00:00Z"))).isBetween(0.3, 0.7);
  }

  private static double d(Object o) {
    return ((Number) o).doubleValue();
  }

  private static double separationDeg(double alt1, double az1, double alt2, double az2) {
    double a1 = Math.toRadians(alt1);
    double a2 = Math.toRadians(alt2);
    double cos = Math.sin(a1) * Math.sin(a2)
        + Math.cos(a1) * Math.cos(a2) * Math.cos(Math.toRadians(az1 - az2));
    return Math.toDegrees(Math.acos(Math.min(1, cos)));
  }

}
