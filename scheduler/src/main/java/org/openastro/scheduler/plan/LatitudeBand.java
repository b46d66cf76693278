package org.openastro.scheduler.plan;

/** A band of latitudes [minDeg, maxDeg] with the sines and cosines of its edges, made once per grid row. */
record LatitudeBand(double minDeg, double maxDeg, double sinMin, double cosMin, double sinMax, double cosMax) {
  static LatitudeBand of(double minDeg, double maxDeg) {
    double lo = Math.toRadians(minDeg);
    double hi = Math.toRadians(maxDeg);
    return new LatitudeBand(minDeg, maxDeg, Math.sin(lo), Math.cos(lo), Math.sin(hi), Math.cos(hi));
  }
}
