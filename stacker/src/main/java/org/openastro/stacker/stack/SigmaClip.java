package org.openastro.stacker.stack;

import java.util.Arrays;

/**
 * The sigma-clipped mean of one pixel's values across frames: values further than {@code kappa}
 * standard deviations from the median are rejected (cosmic rays, satellites, hot pixels of one
 * frame), repeated up to {@code iterations} times or until nothing more is rejected; the mean of
 * what survives. The median as centre (as astropy's sigma_clip), since one bright outlier drags
 * the mean and inflates the deviation it is judged by.
 */
final class SigmaClip {
  /** Below this many values a deviation says too little to reject anything: the plain mean. */
  static final int MIN_VALUES_TO_CLIP = 3;

  private final double kappa;
  private final int iterations;

  SigmaClip(double kappa, int iterations) {
    if (!(kappa > 0) || iterations < 0) {
      throw new IllegalArgumentException("kappa must be positive and iterations at least 0");
    }
    this.kappa = kappa;
    this.iterations = iterations;
  }

  /**
   * The clipped mean of the first {@code n} entries of {@code values} (reordered in place), NaN
   * when {@code n} is 0. {@code values} holds no NaN: the caller leaves uncovered frames out.
   */
  float mean(float[] values, int n) {
    if (n == 0) {
      return Float.NaN;
    }
    int kept = n;
    for (int round = 0; round < iterations && kept >= MIN_VALUES_TO_CLIP; round++) {
      Arrays.sort(values, 0, kept);
      double median = (kept & 1) == 1 ? values[kept / 2] : 0.5 * (values[kept / 2 - 1] + values[kept / 2]);
      double sum = 0;
      for (int i = 0; i < kept; i++) {
        sum += values[i];
      }
      double mean = sum / kept;
      double squares = 0;
      for (int i = 0; i < kept; i++) {
        double d = values[i] - mean;
        squares += d * d;
      }
      double limit = kappa * Math.sqrt(squares / kept);
      int survivors = 0;
      for (int i = 0; i < kept; i++) {
        if (Math.abs(values[i] - median) <= limit) {
          values[survivors++] = values[i];
        }
      }
      if (survivors == kept || survivors == 0) {
        break;
      }
      kept = survivors;
    }
    double sum = 0;
    for (int i = 0; i < kept; i++) {
      sum += values[i];
    }
    return (float) (sum / kept);
  }
}
