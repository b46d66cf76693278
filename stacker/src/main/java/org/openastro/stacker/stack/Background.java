package org.openastro.stacker.stack;

import java.util.Arrays;

/**
 * A frame's sky level: the median of a regular sample of its finite pixels. Frames from different
 * nights, sites and exposures sit on different skies; taking each one's level off before the
 * combine keeps the clipping from rejecting whole frames for their sky alone.
 */
final class Background {
  /** Pixels looked at, at most: a median of a quarter of a million samples is exact enough. */
  static final int MAX_SAMPLES = 1 << 18;

  private Background() {}

  static double level(Frame frame) {
    long total = (long) frame.width() * frame.height();
    int step = (int) Math.max(1, total / MAX_SAMPLES);
    float[] sample = new float[(int) Math.min(total, MAX_SAMPLES + 1L)];
    int n = 0;
    for (long i = 0; i < total && n < sample.length; i += step) {
      float v = frame.rows()[(int) (i / frame.width())][(int) (i % frame.width())];
      if (Float.isFinite(v)) {
        sample[n++] = v;
      }
    }
    if (n == 0) {
      return 0;
    }
    Arrays.sort(sample, 0, n);
    return (n & 1) == 1 ? sample[n / 2] : 0.5 * (sample[n / 2 - 1] + sample[n / 2]);
  }
}
