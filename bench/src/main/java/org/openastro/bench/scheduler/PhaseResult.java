package org.openastro.bench.scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The figures of one phase (one number of scheduler instances): printed lines, and the numbers the ratios need. */
final class PhaseResult {
  final int instances;
  /** Label to value, in the order measured. */
  final Map<String, String> lines = new LinkedHashMap<>();
  /** Each measured window's figures per instance, by window name, in the order measured. */
  final Map<String, List<InstanceMeter.Window>> windows = new LinkedHashMap<>();
  final Map<String, List<Long>> faultDelaysMs = new LinkedHashMap<>();
  final List<InstanceMeter.Window> planning = new ArrayList<>();
  final List<TaskTimeline.Sweep> sweeps = new ArrayList<>();
  final List<TaskTimeline.Round> rounds = new ArrayList<>();

  PhaseResult(int instances) {
    this.instances = instances;
  }

  void line(String label, String format, Object... args) {
    lines.put(label, String.format(format, args));
  }

  /** Mean over instances of a figure of window {@code name} (what "per instance" means in the ratios); NaN if none. */
  double mean(String name, java.util.function.ToDoubleFunction<InstanceMeter.Window> figure) {
    OptionalDouble mean = windows.getOrDefault(name, List.of()).stream().mapToDouble(figure)
        .filter(v -> !Double.isNaN(v)).average();
    return mean.orElse(Double.NaN);
  }

  /** The longest planning sweep of any instance; null when none planned anything. */
  Duration longestSweep() {
    return sweeps.stream().map(TaskTimeline.Sweep::duration).max(Duration::compareTo).orElse(null);
  }

  static double percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
