package org.openastro.scheduler.astro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VisibilityCalculator#windows(Site, Target, Instant, Instant, ObservingConstraints)}
 * against astropy under every constraint of issue 13 (Moon separation from the site, Moon
 * illumination, airmass, hour angle, horizon masks): the fixture made by
 * {@code tools/astro-reference/generate_constraints_reference.py}; every window edge within 60 s.
 * A window without partner is tolerated only as a sliver at most 60 s long at the span's bounds.
 */
class ConstraintsReferenceTest {
  static final Duration TOLERANCE = Duration.ofSeconds(60);
  static final String RESOURCE = "/astro/constraints-reference.csv";
  private static final List<Case> CASES = load();

  record Case(int id, String siteName, Site site, String targetName, Target target, Instant from,
      Instant to, ObservingConstraints constraints, List<TimeWindow> windows, List<String> edges) {
    @Override
    public String toString() {
      return "#" + id + " " + siteName + " " + targetName + " " + from + ".." + to + " " + constraints;
    }
  }

  static Stream<Case> cases() {
    return CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyEdgeWithinAMinuteOfAstropy(Case c) {
    List<TimeWindow> actual = compute(c);
    List<String> problems = new ArrayList<>();
    double worst = compare(c, actual, problems, new ArrayList<>());
    assertThat(problems).as("reference %s (edges %s), computed %s", c.windows(), c.edges(), actual)
        .isEmpty();
    assertThat(worst).isLessThanOrEqualTo(TOLERANCE.toSeconds());
  }

  @Test
  void fixtureCoversTheConstraintsAndOverallErrorIsSmall() {
    assertThat(CASES).hasSizeGreaterThanOrEqualTo(60);
    List<String> kinds = new ArrayList<>();
    double worst = 0;
    int edges = 0;
    for (Case c : CASES) {
      List<String> problems = new ArrayList<>();
      List<double[]> errors = new ArrayList<>();
      worst = Math.max(worst, compare(c, compute(c), problems, errors));
      edges += errors.size();
      for (String e : c.edges()) {
        for (String side : e.split("/")) {
          kinds.add(side.split(":")[0]);
        }
      }
    }
    assertThat(kinds).contains("alt", "sun", "ha", "moonsep", "moonillum", "mask");
    System.out.printf("astropy constraints fixture: %d cases, %d window edges, max edge error %.2f s%n",
        CASES.size(), edges, worst);
    assertThat(worst).isLessThanOrEqualTo(TOLERANCE.toSeconds());
  }

  private static List<TimeWindow> compute(Case c) {
    return VisibilityCalculator.windows(c.site(), c.target(), c.from(), c.to(), c.constraints());
  }

  /** Pairs windows in order; returns the worst edge error (s), problems for anything unpaired. */
  private static double compare(Case c, List<TimeWindow> actual, List<String> problems,
      List<double[]> errors) {
    long tol = TOLERANCE.toMillis();
    List<TimeWindow> expected = c.windows();
    double worst = 0;
    int i = 0;
    int j = 0;
    while (i < expected.size() || j < actual.size()) {
      TimeWindow e = i < expected.size() ? expected.get(i) : null;
      TimeWindow a = j < actual.size() ? actual.get(j) : null;
      if (e != null && a != null
          && a.start().toEpochMilli() < e.end().toEpochMilli() + tol
          && e.start().toEpochMilli() < a.end().toEpochMilli() + tol) {
        double s = Math.abs(Duration.between(e.start(), a.start()).toMillis()) / 1000.0;
        double en = Math.abs(Duration.between(e.end(), a.end()).toMillis()) / 1000.0;
        errors.add(new double[] {s});
        errors.add(new double[] {en});
        worst = Math.max(worst, Math.max(s, en));
        i++;
        j++;
      } else if (a == null || (e != null && e.end().isBefore(a.end()))) {
        sliverOrProblem(c, "reference", e, problems);
        i++;
      } else {
        sliverOrProblem(c, "computed", a, problems);
        j++;
      }
    }
    return worst;
  }

  private static void sliverOrProblem(Case c, String side, TimeWindow w, List<String> problems) {
    boolean atBound = w.start().equals(c.from()) || w.end().equals(c.to());
    if (!(atBound && w.duration().compareTo(TOLERANCE) <= 0)) {
      problems.add(side + " window " + w.start() + ".." + w.end() + " has no partner");
    }
  }

  static List<Case> load() {
    return ReferenceCsv.rows(RESOURCE).stream().map(ConstraintsReferenceTest::parse).toList();
  }

  private static Case parse(ReferenceCsv.Row row) {
    List<TimeWindow> windows = new ArrayList<>();
    if (!row.get("windows").isBlank()) {
      for (String w : row.get("windows").split(" ")) {
        String[] e = w.split("/");
        windows.add(new TimeWindow(Instant.parse(e[0]), Instant.parse(e[1])));
      }
    }
    List<String> edges = row.get("edges").isBlank()
        ? List.of() : List.of(row.get("edges").split(" "));
    List<HorizonMask.Point> points = new ArrayList<>();
    if (!row.get("horizon").isBlank()) {
      for (String p : row.get("horizon").split(";")) {
        String[] azAlt = p.split(":");
        points.add(new HorizonMask.Point(Double.parseDouble(azAlt[0]), Double.parseDouble(azAlt[1])));
      }
    }
    boolean night = Boolean.parseBoolean(row.get("night"));
    ObservingConstraints c = new ObservingConstraints(row.num("min_alt"),
        row.num("max_airmass"), row.num("min_moon_sep"),
        row.num("max_moon_illum"), night, row.num("sun_max_alt"),
        row.num("max_ha_h"), HorizonMask.of(points));
    return new Case(Integer.parseInt(row.get("case")), row.get("site"),
        new Site(row.num("lat"), row.num("lon"), row.num("elevation_m")),
        row.get("target"), new Target(row.num("ra"), row.num("dec")),
        Instant.parse(row.get("from")), Instant.parse(row.get("to")), c, List.copyOf(windows),
        edges);
  }
}
