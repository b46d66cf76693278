package org.openastro.simulator;

import java.util.ArrayList;
import java.util.List;

/** Where a simulated telescope stands. */
record Site(double lat, double lon, double elevationM) {
  private static final double GOLDEN_ANGLE_DEG = 180 * (3 - Math.sqrt(5));

  Site {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("site " + lat + "," + lon + " is off the globe");
    }
  }

  /** {@code "lat,lon[,elevation_m];..."}, e.g. {@code "28.76,-17.88,2396;19.82,-155.47,4205"}. */
  static List<Site> parseList(String text) {
    List<Site> sites = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return sites;
    }
    for (String part : text.split(";")) {
      String[] f = part.trim().split(",");
      if (f.length < 2 || f.length > 3) {
        throw new IllegalArgumentException("site '" + part + "' must be lat,lon or lat,lon,elevation_m");
      }
      try {
        sites.add(new Site(Double.parseDouble(f[0].trim()), Double.parseDouble(f[1].trim()),
            f.length == 3 ? Double.parseDouble(f[2].trim()) : 0));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("site '" + part + "' holds something that is not a number");
      }
    }
    return sites;
  }

  /**
   * The site of node {@code index} of {@code nodes}: round robin over the given list, or else a
   * Fibonacci lattice over the globe (equal area per node), so every target is seen by some nodes
   * whatever the time of day.
   */
  static Site forNode(int index, int nodes, List<Site> given) {
    if (!given.isEmpty()) {
      return given.get(index % given.size());
    }
    double lat = Math.toDegrees(Math.asin(1 - 2 * (index + 0.5) / nodes));
    double lon = ((index * GOLDEN_ANGLE_DEG) % 360 + 360) % 360 - 180;
    return new Site(lat, lon, 0);
  }
}
