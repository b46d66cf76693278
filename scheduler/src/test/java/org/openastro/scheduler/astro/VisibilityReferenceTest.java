package org.openastro.scheduler.astro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VisibilityCalculator#windows} against astropy: every case of the fixture made by
 * {@code tools/astro-reference/generate_visibility_reference.py} must give the same windows with
 * every edge within ±2 minutes (window counts may differ only by boundary slivers, see
 * {@link WindowComparison}).
 */
class VisibilityReferenceTest {
  static final Duration TOLERANCE = Duration.ofMinutes(2);
  private static final List<ReferenceCase> CASES = ReferenceCase.load();

  static Stream<ReferenceCase> cases() {
    return CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void edgesWithinTwoMinutesOfAstropy(ReferenceCase c) {
    List<TimeWindow> actual = compute(c);
    WindowComparison result = WindowComparison.compare(c, actual, TOLERANCE);

    assertThat(result.mismatches)
        .as("unpaired windows; reference %s, computed %s", c.windows(), actual)
        .isEmpty();
    assertThat(result.edges)
        .as("edge errors (s) and reference altitude rates (°/min); computed %s", actual)
        .allSatisfy(e -> assertThat(e.errorSeconds()).isLessThanOrEqualTo(TOLERANCE.toSeconds()));
  }

  /** The fixture covers what it claims to, and the overall figure is on record in the log. */
  @Test
  void fixtureCoversTheRequiredGroundAndOverallErrorIsSmall() {
    assertThat(CASES).hasSizeGreaterThanOrEqualTo(300);
    assertThat(CASES).extracting(c -> c.site().latitudeDeg())
        .contains(-60.0, 0.0, 19.82, 28.7, 52.0, 70.0)
        .anySatisfy(lat -> assertThat(lat).isBetween(-34.0, -33.0));
    assertThat(CASES).extracting(ReferenceCase::minAltitudeDeg).contains(0.0, 20.0, 30.0, 45.0);
    assertThat(CASES).anyMatch(ReferenceCase::night).anyMatch(c -> !c.night());
    // Circumpolar over the whole span, never rising, and no night at all (70°N in summer).
    assertThat(CASES).anyMatch(c -> !c.night() && c.windows().size() == 1
        && c.windows().get(0).start().equals(c.from()) && c.windows().get(0).end().equals(c.to()));
    assertThat(CASES).anyMatch(c -> c.windows().isEmpty() && !c.night());
    assertThat(CASES).anyMatch(c -> c.site().latitudeDeg() == 70.0 && c.night()
        && c.from().toString().startsWith("2026-06") && c.windows().isEmpty());

    double max = 0;
    int edges = 0;
    int slivers = 0;
    for (ReferenceCase c : CASES) {
      WindowComparison r = WindowComparison.compare(c, compute(c), TOLERANCE);
      max = Math.max(max, r.maxErrorSeconds());
      edges += r.edges.size();
      slivers += r.slivers;
    }
    System.out.printf("astropy fixture: %d cases, %d window edges, max edge error %.2f s, "
        + "%d boundary slivers%n", CASES.size(), edges, max, slivers);
    assertThat(max).isLessThanOrEqualTo(TOLERANCE.toSeconds());
  }

  private static List<TimeWindow> compute(ReferenceCase c) {
    return VisibilityCalculator.windows(c.site(), c.target(), c.from(), c.to(),
        c.minAltitudeDeg(), c.night(), c.sunMaxAltitudeDeg());
  }
}
