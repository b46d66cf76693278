package org.openastro.chaos;

import java.util.Collection;
import java.util.List;

/** The longest silence in a sorted list of acknowledgement times (ms) across a span. */
final class AckGaps {
  private AckGaps() {}

  /**
   * The longest time between two consecutive acknowledgements that touches {@code [from, to]}: the
   * silence running into the span from the last acknowledgement before it counts, and so does a
   * silence running past its end (up to the next acknowledgement, or {@code to} if none came).
   */
  static long longest(List<Long> sortedTimes, long from, long to) {
    long previous = from;
    long longest = 0;
    for (long t : sortedTimes) {
      if (t <= from) {
        previous = t;
        continue;
      }
      longest = Math.max(longest, t - previous);
      previous = t;
      if (t > to) {
        return longest;
      }
    }
    return Math.max(longest, to - previous);
  }

  /** The worst of {@link #longest} over several nodes' lists. */
  static long worst(Collection<List<Long>> perNode, long from, long to) {
    long worst = 0;
    for (List<Long> times : perNode) {
      worst = Math.max(worst, longest(times, from, to));
    }
    return worst;
  }
}
