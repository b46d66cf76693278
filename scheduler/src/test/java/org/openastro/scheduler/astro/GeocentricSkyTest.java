package org.openastro.scheduler.astro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GeocentricSkyTest {
  @Test
  void meeusExamples() {
    // Example 12.a: 1987-04-10 0h UT, apparent sidereal time 13h10m46.1351s.
    assertThat(GeocentricSky.at(Instant.parse("1987-04-10T00:00:00Z")).greenwichSiderealDeg())
        .isCloseTo((13 + 10 / 60.0 + 46.1351 / 3600) * 15, within(0.001));
    // Example 25.a: 1992-10-13 0h TD (UTC = TD - 69.184 s here), the Sun at 198.38083°, -7.78507°.
    GeocentricSky sky = GeocentricSky.at(Instant.parse("1992-10-12T23:58:50.816Z"));
    assertThat(sky.sunRaDeg()).isCloseTo(198.38083, within(0.01));
    assertThat(sky.sunDecDeg()).isCloseTo(-7.78507, within(0.01));
  }
}
