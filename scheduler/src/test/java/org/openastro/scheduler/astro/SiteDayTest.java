package org.openastro.scheduler.astro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SiteDayTest {

  @Test
  void dayRunsFromLocalMeanNoonToTheNextAndHoldsItsNight() {
    Site site = new Site(-30.0, -70.0, 2000); // local mean noon = 12:00 + 70/15 h = 16:40 UTC
    SiteDay day = SiteDay.of(site, LocalDate.parse("2026-05-05"), -12);
    assertThat(day.start()).isEqualTo(Instant.parse("2026-05-05T16:40:00Z"));
    assertThat(day.end()).isEqualTo(Instant.parse("2026-05-06T16:40:00Z"));
    assertThat(day.middle()).isEqualTo(Instant.parse("2026-05-06T04:40:00Z"));
    TimeWindow night = day.night().orElseThrow();
    assertThat(night.start()).isAfter(day.start());
    assertThat(night.end()).isBefore(day.end());
    assertThat(night.contains(day.middle())).isTrue();
    assertThat(day.sunAltitudeDeg(night.start())).isCloseTo(-12, within(0.01));
    assertThat(SiteDay.containing(site, day.middle(), -12).localDate()).isEqualTo(day.localDate());
  }

  /** 70°N, Sun ≤ −12°: the night shrinks smoothly to nothing in April and stays gone. */
  @Test
  void whiteNightsArriveWithoutGarbage() {
    Site site = new Site(70.0, 23.0, 10);
    Duration previous = Duration.ofDays(1);
    boolean gone = false;
    for (LocalDate d = LocalDate.parse("2026-03-20"); d.isBefore(LocalDate.parse("2026-05-20"));
        d = d.plusDays(1)) {
      Optional<TimeWindow> night = SiteDay.of(site, d, -12).night();
      if (night.isEmpty()) {
        gone = true;
        continue;
      }
      assertThat(gone).as("a night came back on %s", d).isFalse();
      assertThat(night.get().duration()).as(d.toString()).isLessThan(previous);
      previous = night.get().duration();
    }
    assertThat(gone).isTrue();
    assertThat(previous).isLessThan(Duration.ofHours(2));
  }

  @Test
  void nightsOfConsecutiveDaysTileThePolarNight() {
    Site site = new Site(80.0, 16.0, 10);
    TimeWindow a = SiteDay.of(site, LocalDate.parse("2026-12-20"), -12).night().orElseThrow();
    TimeWindow b = SiteDay.of(site, LocalDate.parse("2026-12-21"), -12).night().orElseThrow();
    assertThat(Duration.between(a.end(), b.start()).abs()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void bufferVariantAppendsAndListVariantAgrees() {
    SiteDay day = SiteDay.of(new Site(28.76, -17.89, 2400), LocalDate.parse("2026-01-15"), -12);
    ApparentTarget orion = ApparentTarget.at(new Target(83.822, -5.391), day.middle());
    WindowBuffer buffer = new WindowBuffer();
    assertThat(day.windows(orion, 30, false, buffer)).isEqualTo(1);
    assertThat(day.windows(orion, 30, true, buffer)).isEqualTo(1);
    assertThat(buffer.size()).isEqualTo(2);
    assertThat(buffer.window(1)).isEqualTo(day.windows(orion, 30, true).get(0));
    assertThat(buffer.startEpochSecond(1)).isGreaterThanOrEqualTo(buffer.startEpochSecond(0));
  }

  /**
   * The closed form against brute force with the same model: altitude sampled every 15 s. This
   * checks the interval logic (transits, wrap-around, intersection with the night) for random
   * sites at any latitude, independently of the astropy fixture.
   */
  @Test
  void closedFormAgreesWithSamplingTheSameModel() {
    Random random = new Random(42);
    int compared = 0;
    for (int i = 0; i < 200; i++) {
      Site site = new Site(random.nextDouble() * 178 - 89, random.nextDouble() * 360 - 180, 0);
      Target target = new Target(random.nextDouble() * 360,
          Math.toDegrees(Math.asin(random.nextDouble() * 2 - 1)));
      LocalDate date = LocalDate.parse("2026-01-01").plusDays(random.nextInt(365));
      double minAlt = new double[] {0, 20, 30, 45}[random.nextInt(4)];
      boolean night = random.nextBoolean();
      SiteDay day = SiteDay.of(site, date, -12);
      if (night && day.night().isEmpty()) {
        continue;
      }
      ApparentTarget apparent = ApparentTarget.at(target, day.middle());
      TimeWindow span = night ? day.night().get() : new TimeWindow(day.start(), day.end());
      List<ReferenceCase.ReferenceWindow> sampled = sample(day, apparent, span, minAlt);
      ReferenceCase asCase = new ReferenceCase(i, "random", site, "random", target,
          span.start(), span.end(), minAlt, night, -12, sampled);
      WindowComparison result = WindowComparison.compare(
          asCase, day.windows(apparent, minAlt, night), Duration.ofSeconds(30));
      assertThat(result.mismatches).as(asCase.toString()).isEmpty();
      assertThat(result.maxErrorSeconds()).as(asCase.toString()).isLessThanOrEqualTo(15);
      compared++;
    }
    assertThat(compared).isGreaterThan(120);
  }

  private static List<ReferenceCase.ReferenceWindow> sample(SiteDay day, ApparentTarget target,
      TimeWindow span, double minAlt) {
    List<ReferenceCase.ReferenceWindow> out = new ArrayList<>();
    Instant openedAt = null;
    for (Instant t = span.start(); t.isBefore(span.end()); t = t.plusSeconds(15)) {
      boolean up = day.altitudeDeg(target, t) >= minAlt;
      if (up && openedAt == null) {
        openedAt = t;
      } else if (!up && openedAt != null) {
        out.add(new ReferenceCase.ReferenceWindow(openedAt, t, Double.NaN, Double.NaN));
        openedAt = null;
      }
    }
    if (openedAt != null) {
      out.add(new ReferenceCase.ReferenceWindow(openedAt, span.end(), Double.NaN, Double.NaN));
    }
    return out;
  }
}
