package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.mission.Frames;

class MissionSplitterTest {
  static final Instant T = Instant.parse("2026-03-20T20:00:00Z");
  final MissionSplitter splitter = new MissionSplitter(Duration.ofHours(1), Duration.ofMinutes(5), 100);

  static TimeWindow w(int fromMin, int toMin) {
    return new TimeWindow(T.plus(Duration.ofMinutes(fromMin)), T.plus(Duration.ofMinutes(toMin)));
  }

  @Test
  void cutsLongWindowsIntoTasksOfAtMostTheMaximum() {
    List<MissionSplitter.TaskPlan> plans = split(9000, List.of(w(0, 180)));
    assertThat(plans).extracting(MissionSplitter.TaskPlan::exposureS).containsExactly(3600.0, 3600.0, 1800.0);
    assertThat(plans).extracting(MissionSplitter.TaskPlan::window).containsExactly(w(0, 60), w(60, 120), w(120, 180));
  }

  @Test
  void everyTaskFitsItsWindowAndTheSumIsTheRequirement() {
    List<MissionSplitter.TaskPlan> plans = split(5000, List.of(w(30, 50), w(0, 25), w(40, 70)));
    assertThat(plans).allSatisfy(p -> assertThat(p.exposureS()).isLessThanOrEqualTo(p.window().duration().toSeconds()));
    assertThat(plans.stream().mapToDouble(MissionSplitter.TaskPlan::exposureS).sum()).isEqualTo(75 * 60.0);
    assertThat(plans.get(0).window()).isEqualTo(w(0, 25));
  }

  @Test
  void overlappingWindowsOfDifferentNodesAreSeparateCapacity() {
    List<MissionSplitter.TaskPlan> plans = split(7200, List.of(w(0, 60), w(0, 60)));
    assertThat(plans).hasSize(2).allSatisfy(p -> assertThat(p.window()).isEqualTo(w(0, 60)));
  }

  @Test
  void aPointingOfATiledAlertIsPlannedOneTaskAtATime_soOneNodeAtATime() {
    // The same two overlapping windows of two nodes: a pointing gets one task, the rest when it closes.
    List<MissionSplitter.TaskPlan> plans = splitter.split(7200, List.of(w(0, 60), w(0, 60)), Frames.CONTINUOUS, 0, 1);
    assertThat(plans).hasSize(1);
    assertThat(splitter.split(3600, List.of(w(0, 60), w(0, 60)), Frames.CONTINUOUS, 1, 1)).isEmpty();
    org.openastro.cql.mission.Mission pointing = new org.openastro.cql.mission.Mission(java.util.UUID.randomUUID(),
        10, 20, org.openastro.domain.ScienceCase.GRB_FOLLOWUP, 7200, 0, 95, T, T.plusSeconds(3600),
        org.openastro.domain.MissionStatus.PENDING, "GCN:fermi:1", 30, true, java.util.Set.of(), null, 0.5, "a", T)
        .withAlertLocalization(new org.openastro.cql.mission.AlertLocalization(4.8, T, null, 2, 0.01));
    assertThat(MissionSplitter.maxOpenTasksOf(pointing)).isEqualTo(1);
    assertThat(MissionSplitter.maxOpenTasksOf(pointing.withAlertLocalization(
        new org.openastro.cql.mission.AlertLocalization(0.05, T, null)))).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void skipsSlivers_unlessTheyCoverTheRest() {
    assertThat(split(3600, List.of(w(0, 2), w(10, 70)))).singleElement()
        .extracting(MissionSplitter.TaskPlan::window).isEqualTo(w(10, 70));
    assertThat(split(60, List.of(w(0, 2), w(10, 70)))).singleElement()
        .extracting(MissionSplitter.TaskPlan::window).isEqualTo(w(0, 2));
  }

  @Test
  void whatNoWindowHoldsStaysUncovered() {
    assertThat(split(3600, List.of())).isEmpty();
    assertThat(split(7200, List.of(w(0, 30))).stream().mapToDouble(MissionSplitter.TaskPlan::exposureS).sum())
        .isEqualTo(1800.0);
  }

  @Test
  void framesAreNeverCut_aTaskIsAWholeNumberOfThem() {
    Frames tenMinutes = Frames.of(600.0);
    // 7 frames of 600 s into a 47 min and a 60 min window, tasks of at most an hour: 4 + 3 frames.
    List<MissionSplitter.TaskPlan> plans = splitter.split(4200, List.of(w(0, 47), w(100, 160)), tenMinutes, 0);
    assertThat(plans).extracting(MissionSplitter.TaskPlan::exposureS).containsExactly(2400.0, 1800.0);
    assertThat(plans).allSatisfy(p -> assertThat(p.exposureS() % 600).isZero());
  }

  @Test
  void aFrameLongerThanTheLargestTaskMakesOneFrameTasks_aWindowShorterThanAFrameHoldsNone() {
    List<MissionSplitter.TaskPlan> plans = splitter.split(3 * 5400, List.of(w(0, 80), w(100, 300)), Frames.of(5400.0), 0);
    assertThat(plans).extracting(MissionSplitter.TaskPlan::exposureS).containsExactly(5400.0, 5400.0);
    assertThat(plans).extracting(MissionSplitter.TaskPlan::window).containsExactly(w(100, 190), w(190, 280));
  }

  @Test
  void continuousMissionsAreSplitAsBefore() {
    // The case the issue names: 3 x 600 s across windows used to give tasks such as 1454.158 s.
    List<TimeWindow> windows = List.of(new TimeWindow(T, T.plusMillis(1_454_158)), w(60, 120));
    assertThat(split(1800, windows)).extracting(MissionSplitter.TaskPlan::exposureS)
        .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b))
        .containsExactly(1454.158, 345.842);
    assertThat(splitter.split(1800, windows, Frames.of(600.0), 0)).extracting(MissionSplitter.TaskPlan::exposureS)
        .containsExactly(1200.0, 600.0);
  }

  @Test
  void aHugeMissionGetsAtMostTheOpenTaskLimit_theEarliestSlices() {
    // 1e7 s over 40 nodes' overlapping day-long windows would be 960 tasks.
    List<TimeWindow> windows = java.util.Collections.nCopies(40, w(0, 24 * 60));
    List<MissionSplitter.TaskPlan> plans = splitter.split(1e7, windows, Frames.CONTINUOUS, 30);
    assertThat(plans).hasSize(70).allSatisfy(p -> assertThat(p.window().start()).isBefore(T.plus(Duration.ofHours(2))));
    assertThat(splitter.split(1e7, windows, Frames.CONTINUOUS, 100)).isEmpty();
    assertThat(splitter.split(1e7, windows, Frames.CONTINUOUS, 120)).as("over the limit already").isEmpty();
  }

  List<MissionSplitter.TaskPlan> split(double uncoveredS, List<TimeWindow> windows) {
    return splitter.split(uncoveredS, windows, Frames.CONTINUOUS, 0);
  }
}
