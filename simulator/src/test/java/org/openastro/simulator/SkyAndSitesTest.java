package org.openastro.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SkyAndSitesTest {
  @Test
  void greenwichSiderealTimeMatchesTheAlmanac() {
    // 2000-01-01T12:00Z (J2000.0): GMST = 18h 41m 50.55s = 280.4606°.
    assertThat(Sky.gmstDeg(Instant.parse("2000-01-01T12:00:00Z"))).isCloseTo(280.4606, within(0.001));
    // Astronomical Almanac example: 1987-04-10T00:00Z → 13h 10m 46.3668s = 197.6932°.
    assertThat(Sky.gmstDeg(Instant.parse("1987-04-10T00:00:00Z"))).isCloseTo(197.6932, within(0.001));
  }

  @Test
  void theZenithTargetHasTheSitesLatitudeAndLocalSiderealTime() {
    Instant t = Instant.parse("2026-11-25T14:00:00Z");
    Sky.Target z = Sky.zenith(new Site(28.76, -17.88, 2396), t);
    assertThat(z.decDeg()).isEqualTo(28.76);
    assertThat(z.raDeg()).isCloseTo(((Sky.gmstDeg(t) - 17.88) % 360 + 360) % 360, within(1e-9)).isBetween(0.0, 360.0);
  }

  @Test
  void nodesSpreadOverBothHemispheresAndAllLongitudes() {
    List<Site> sites = IntStream.range(0, 1000).mapToObj(i -> Site.forNode(i, 1000, List.of())).toList();
    assertThat(sites.stream().filter(s -> s.lat() > 0).count()).isBetween(490L, 510L);
    assertThat(sites.stream().filter(s -> s.lon() > 0).count()).isBetween(450L, 550L);
    assertThat(sites.stream().mapToDouble(Site::lat).max().orElseThrow()).isGreaterThan(85);
  }

  @Test
  void givenSitesAreUsedRoundRobin() {
    List<Site> given = Site.parseList("28.76,-17.88,2396; 19.82,-155.47");
    assertThat(given).containsExactly(new Site(28.76, -17.88, 2396), new Site(19.82, -155.47, 0));
    assertThat(Site.forNode(3, 10, given)).isEqualTo(given.get(1));
    assertThatThrownBy(() -> Site.parseList("91,0")).hasMessageContaining("off the globe");
    assertThatThrownBy(() -> Site.parseList("a,b")).hasMessageContaining("not a number");
  }
}
