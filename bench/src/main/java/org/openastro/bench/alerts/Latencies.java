package org.openastro.bench.alerts;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Latencies of one phase in microseconds (HdrHistogram, 3 significant digits), and their summary line. */
final class Latencies {
  private final String name;
  private final Histogram histogram = new Histogram(3_600_000_000L, 3);
  private int missing;
  private int negative;

  Latencies(String name) {
    this.name = name;
  }

  void record(long nanos) {
    if (nanos < 0) {
      negative++;
      nanos = 0;
    }
    histogram.recordValue(nanos / 1000);
  }

  void missing() {
    missing++;
  }

  long count() {
    return histogram.getTotalCount();
  }

  double ms(double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  double maxMs() {
    return histogram.getMaxValue() / 1000.0;
  }

  String line() {
    return String.format(Locale.ROOT, "%-44s n=%d  p50 %8.1f ms  p90 %8.1f ms  p99 %8.1f ms  max %8.1f ms%s%s",
        name, count(), ms(50), ms(90), ms(99), maxMs(), missing == 0 ? "" : "  NOT RECEIVED " + missing,
        negative == 0 ? "" : "  (task before answer " + negative + ")");
  }
}
