package org.openastro.scheduler.astro;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code astro/visibility-reference.csv}, made by
 * {@code tools/astro-reference/generate_visibility_reference.py} with astropy.
 */
record ReferenceCase(int id, String siteName, Site site, String targetName, Target target,
    Instant from, Instant to, double minAltitudeDeg, boolean night, double sunMaxAltitudeDeg,
    List<ReferenceWindow> windows) {

  static final String RESOURCE = "/astro/visibility-reference.csv";

  /**
   * A reference window; each edge's rate is |d altitude/dt| in °/min of whichever body makes
   * that edge, NaN when the edge is the span boundary rather than a crossing.
   */
  record ReferenceWindow(Instant start, Instant end, double startRateDegPerMin,
      double endRateDegPerMin) {}

  @Override
  public String toString() {
    return "#" + id + " " + siteName + " " + targetName + " " + from + ".." + to + " min "
        + minAltitudeDeg + (night ? " night<=" + sunMaxAltitudeDeg : " any time");
  }

  static List<ReferenceCase> load() {
    return ReferenceCsv.rows(RESOURCE).stream().map(ReferenceCase::parse).toList();
  }

  private static ReferenceCase parse(ReferenceCsv.Row row) {
    List<ReferenceWindow> windows = new ArrayList<>();
    String[] spans = row.get("windows").isBlank() ? new String[0] : row.get("windows").split(" ");
    String[] rates = row.get("edge_rates_deg_per_min").isBlank()
        ? new String[0] : row.get("edge_rates_deg_per_min").split(" ");
    for (int i = 0; i < spans.length; i++) {
      String[] edges = spans[i].split("/");
      String[] edgeRates = rates[i].split("/");
      windows.add(new ReferenceWindow(Instant.parse(edges[0]), Instant.parse(edges[1]),
          rate(edgeRates[0]), rate(edgeRates[1])));
    }
    return new ReferenceCase(Integer.parseInt(row.get("case")), row.get("site"),
        new Site(row.num("lat"), row.num("lon"), row.num("elevation_m")),
        row.get("target"), new Target(row.num("ra"), row.num("dec")),
        Instant.parse(row.get("from")), Instant.parse(row.get("to")),
        row.num("min_alt"), Boolean.parseBoolean(row.get("night")), row.num("sun_max_alt"),
        List.copyOf(windows));
  }

  private static double rate(String cell) {
    return "B".equals(cell) ? Double.NaN : Double.parseDouble(cell);
  }
}
