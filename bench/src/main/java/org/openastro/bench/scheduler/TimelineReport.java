package org.openastro.bench.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The planning sweeps and assignment rounds of a phase, per instance, as summary lines. */
final class TimelineReport {
  private TimelineReport() {}

  static void add(PhaseResult result, TaskTimeline timeline) {
    result.sweeps.addAll(timeline.sweeps());
    result.rounds.addAll(timeline.rounds());
    result.line("tasks stored / assigned (task rows)", "%,d / %,d, %,d missions planned", timeline.tasks(),
        timeline.assigned(), timeline.missionsPlanned());
    Map<String, List<TaskTimeline.Sweep>> sweepsBy = new TreeMap<>();
    result.sweeps.forEach(s -> sweepsBy.computeIfAbsent(s.instance(), k -> new ArrayList<>()).add(s));
    sweepsBy.forEach((instance, sweeps) -> result.line(instance + " planning sweeps (start -> last task stored)",
        "%s", sweeps(sweeps)));
    Map<String, List<TaskTimeline.Round>> roundsBy = new TreeMap<>();
    result.rounds.forEach(r -> roundsBy.computeIfAbsent(r.instance(), k -> new ArrayList<>()).add(r));
    roundsBy.forEach((instance, rounds) -> result.line(instance + " assignment rounds (start -> last assignment)",
        "%s", rounds(rounds)));
  }

  private static String sweeps(List<TaskTimeline.Sweep> sweeps) {
    TaskTimeline.Sweep largest = sweeps.stream().max(Comparator.comparingInt(TaskTimeline.Sweep::missions))
        .orElseThrow();
    StringBuilder first = new StringBuilder();
    for (TaskTimeline.Sweep s : sweeps.subList(0, Math.min(6, sweeps.size()))) {
      first.append(String.format(" %d missions %.1f s;", s.missions(), s.duration().toMillis() / 1000.0));
    }
    return String.format("%d sweeps; largest: %,d missions (%,d tasks) in %.1f s; first:%s", sweeps.size(),
        largest.missions(), largest.tasks(), largest.duration().toMillis() / 1000.0, first);
  }

  private static String rounds(List<TaskTimeline.Round> rounds) {
    StringBuilder first = new StringBuilder();
    for (TaskTimeline.Round r : rounds.subList(0, Math.min(6, rounds.size()))) {
      first.append(String.format(" %d of %d pending in %.1f s;", r.tasks(), r.pendingAtStart(),
          r.duration().toMillis() / 1000.0));
    }
    List<Long> ms = rounds.stream().map(r -> r.duration().toMillis()).toList();
    return String.format("%d rounds, p50 %.1f s, max %.1f s; first:%s", rounds.size(),
        PhaseResult.percentile(ms, 50) / 1000, PhaseResult.percentile(ms, 100) / 1000, first);
  }
}
