package org.openastro.scheduler.astro;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openastro.scheduler.astro.ReferenceCase.ReferenceWindow;

/**
 * Compares computed windows with reference windows edge by edge.
 *
 * <p>Windows are paired in time order when they overlap or nearly do. Each paired edge's error
 * is recorded. A window without partner is tolerated only as a boundary sliver: it touches the
 * span's start or end and is at most {@code tolerance} long — e.g. the reference has the target
 * set 60 s after {@code from} and the computation 30 s before it; both are within tolerance of
 * each other, yet one has a 60 s window and the other none. Anything else unpaired is a mismatch.
 */
final class WindowComparison {
  /** One compared edge: error in seconds and the reference's altitude rate there (NaN: boundary). */
  record Edge(double errorSeconds, double rateDegPerMin) {}

  final List<Edge> edges = new ArrayList<>();
  final List<String> mismatches = new ArrayList<>();
  int slivers;

  static WindowComparison compare(ReferenceCase c, List<TimeWindow> actual, Duration tolerance) {
    WindowComparison result = new WindowComparison();
    List<ReferenceWindow> expected = c.windows();
    long tol = tolerance.toMillis();
    int i = 0;
    int j = 0;
    while (i < expected.size() || j < actual.size()) {
      ReferenceWindow e = i < expected.size() ? expected.get(i) : null;
      TimeWindow a = j < actual.size() ? actual.get(j) : null;
      if (e != null && a != null && near(e.start(), e.end(), a.start(), a.end(), tol)) {
        result.edges.add(new Edge(seconds(e.start(), a.start()), e.startRateDegPerMin()));
        result.edges.add(new Edge(seconds(e.end(), a.end()), e.endRateDegPerMin()));
        i++;
        j++;
      } else if (a == null || (e != null && e.end().isBefore(a.end()))) {
        result.unpaired(c, "reference", e.start(), e.end(), tol);
        i++;
      } else {
        result.unpaired(c, "computed", a.start(), a.end(), tol);
        j++;
      }
    }
    return result;
  }

  double maxErrorSeconds() {
    return edges.stream().mapToDouble(Edge::errorSeconds).max().orElse(0);
  }

  private void unpaired(ReferenceCase c, String side, Instant start, Instant end, long tol) {
    boolean touchesBoundary = start.equals(c.from()) || end.equals(c.to());
    if (touchesBoundary && Duration.between(start, end).toMillis() <= tol) {
      slivers++;
    } else {
      mismatches.add(side + " window " + start + ".." + end + " has no partner");
    }
  }

  private static boolean near(Instant s1, Instant e1, Instant s2, Instant e2, long tolMillis) {
    return s2.toEpochMilli() < e1.toEpochMilli() + tolMillis
        && s1.toEpochMilli() < e2.toEpochMilli() + tolMillis;
  }

  private static double seconds(Instant a, Instant b) {
    return Math.abs(Duration.between(a, b).toMillis()) / 1000.0;
  }
}
