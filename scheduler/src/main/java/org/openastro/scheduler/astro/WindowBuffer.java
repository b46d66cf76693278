package org.openastro.scheduler.astro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reusable, growable list of windows as pairs of UTC epoch seconds: what the hot path of
 * {@link SiteDay#windows(ApparentTarget, double, boolean, WindowBuffer)} writes into, so that
 * computing millions of (site, target) windows allocates nothing. Not thread-safe: one per thread.
 */
public final class WindowBuffer {
  private double[] bounds = new double[16];
  private int size;

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void clear() {
    size = 0;
  }

  /** Start of window {@code i}, UTC seconds since 1970 (fractional). */
  public double startEpochSecond(int i) {
    checkIndex(i);
    return bounds[2 * i];
  }

  /** End (exclusive) of window {@code i}, UTC seconds since 1970 (fractional). */
  public double endEpochSecond(int i) {
    checkIndex(i);
    return bounds[2 * i + 1];
  }

  public TimeWindow window(int i) {
    return new TimeWindow(AstroTime.instant(startEpochSecond(i)), AstroTime.instant(endEpochSecond(i)));
  }

  public List<TimeWindow> toTimeWindows() {
    List<TimeWindow> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(window(i));
    }
    return out;
  }

  void add(double start, double end) {
    if (2 * size + 2 > bounds.length) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
    }
    bounds[2 * size] = start;
    bounds[2 * size + 1] = end;
    size++;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("window " + i + " of " + size);
    }
  }
}
