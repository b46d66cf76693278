package org.openastro.alerts.tiling;

import java.util.Arrays;

/**
 * A localization as points on the sphere, each with the probability of the patch around it (a sky
 * map's pixels, or a Gaussian region sampled on a fine grid). What tiling works on, whatever the
 * region was. Grows as points are added; {@link #total()} is what the points hold together.
 */
final class ProbabilitySamples {
  private double[] xyz = new double[3 * 1024];
  private double[] p = new double[1024];
  private int size;
  private double total;
  private int best = -1;

  void add(Vec3 v, double probability) {
    if (!(probability > 0)) {
      return; // empty and invalid (NaN) pixels hold nothing to observe
    }
    if (size == p.length) {
      p = Arrays.copyOf(p, size * 2);
      xyz = Arrays.copyOf(xyz, size * 6);
    }
    xyz[3 * size] = v.x();
    xyz[3 * size + 1] = v.y();
    xyz[3 * size + 2] = v.z();
    p[size] = probability;
    if (best < 0 || probability > p[best]) {
      best = size;
    }
    size++;
    total += probability;
  }

  int size() {
    return size;
  }

  Vec3 point(int i) {
    return new Vec3(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
  }

  double probability(int i) {
    return p[i];
  }

  double total() {
    return total;
  }

  /** The point of highest probability (where a grid is anchored); null when empty. */
  Vec3 peak() {
    return best < 0 ? null : point(best);
  }
}
