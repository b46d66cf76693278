package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openastro.scheduler.astro.TimeWindow;

class MissionSplitterTest {
  static final Instant T = Instant.parse("2026-03-20T20:00:00Z");
  final MissionSplitter splitter = new MissionSplitter(Duration.ofHours(1), Duration.ofMinutes(5));

  static TimeWindow w(int fromMin, int toMin) {
    return new TimeWindow(T.plus(Duration.ofMinutes(fromMin)), T.plus(Duration.ofMinutes(toMin)));
  }

  @Test
  void cutsLongWindowsIntoTasksOfAtMostTheMaximum() {
    List<MissionSplitter.TaskPlan> plans = splitter.split(9000, List.of(w(0, 180)));
    assertThat(plans).extracting(MissionSplitter.TaskPlan::exposureS).containsExactly(3600.0, 3600.0, 1800.0);
    assertThat(plans).extracting(MissionSplitter.TaskPlan::window).containsExactly(w(0, 60), w(60, 120), w(120, 180));
  }

  @Test
  void everyTaskFitsItsWindowAndTheSumIsTheRequirement() {
    List<MissionSplitter.TaskPlan> plans = splitter.split(5000, List.of(w(30, 50), w(0, 25), w(40, 70)));
    assertThat(plans).allSatisfy(p -> assertThat(p.exposureS()).isLessThanOrEqualTo(p.window().duration().toSeconds()));
    assertThat(plans.stream().mapToDouble(MissionSplitter.TaskPlan::exposureS).sum()).isEqualTo(75 * 60.0);
    assertThat(plans.get(0).window()).isEqualTo(w(0, 25));
  }

  @Test
  void overlappingWindowsOfDifferentNodesAreSeparateCapacity() {
    List<MissionSplitter.TaskPlan> plans = splitter.split(7200, List.of(w(0, 60), w(0, 60)));
    assertThat(plans).hasSize(2).allSatisfy(p -> assertThat(p.window()).isEqualTo(w(0, 60)));
  }

  @Test
  void skipsSlivers_unlessTheyCoverTheRest() {
    assertThat(splitter.split(3600, List.of(w(0, 2), w(10, 70)))).singleElement()
        .extracting(MissionSplitter.TaskPlan::window).isEqualTo(w(10, 70));
    assertThat(splitter.split(60, List.of(w(0, 2), w(10, 70)))).singleElement()
        .extracting(MissionSplitter.TaskPlan::window).isEqualTo(w(0, 2));
  }

  @Test
  void whatNoWindowHoldsStaysUncovered() {
    assertThat(splitter.split(3600, List.of())).isEmpty();
    assertThat(splitter.split(7200, List.of(w(0, 30))).stream().mapToDouble(MissionSplitter.TaskPlan::exposureS).sum())
        .isEqualTo(1800.0);
  }
}
