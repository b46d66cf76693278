package org.openastro.bench.scheduler;

import java.util.ArrayList;
import java.util.List;

/** A scraped Prometheus text page, enough of it to sum a metric's series (optionally those with a label). */
final class PromText {
  private record Sample(String name, String labels, double value) {}

  private final List<Sample> samples;

  private PromText(List<Sample> samples) {
    this.samples = samples;
  }

  static PromText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name;
      String labels;
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        labels = line.substring(brace, line.lastIndexOf('}') + 1);
      } else {
        name = line.substring(0, space);
        labels = "";
      }
      try {
        samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim())));
      } catch (NumberFormatException e) {
        // a value we do not need ("+Inf" parses; anything else is skipped)
      }
    }
    return new PromText(samples);
  }

  /** Sum of every series of {@code name}; NaN when there is none (the metric does not exist). */
  double sum(String name) {
    return sum(name, "");
  }

  /**
   * Sum of the series of {@code name} whose label text contains {@code labelFragment} (e.g.
   * {@code area="heap"}); NaN when there is none.
   */
  double sum(String name, String labelFragment) {
    double total = 0;
    boolean found = false;
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().contains(labelFragment)) {
        total += s.value();
        found = true;
      }
    }
    return found ? total : Double.NaN;
  }
}
