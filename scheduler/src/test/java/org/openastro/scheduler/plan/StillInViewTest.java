package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.plan.Fixtures.NOW;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.AlertLocalization;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.scheduler.astro.TimeWindow;

class StillInViewTest {
  final Node node = Fixtures.node("n1", 0.5);
  final Mission before = Fixtures.mission("m1", 95, NOW.plusSeconds(6 * 3600));
  final Task task = Fixtures.task("t1", before, 1800, NOW.plusSeconds(3600));

  /** A sky where the node sees Dec > 0 now for two hours, Dec in (-30, 0] from in 20 minutes, else in 5 hours. */
  final SkyView sky = (n, m, from, to) -> {
    if (m.targetDec() > 0) {
      return List.of(new TimeWindow(from, from.plusSeconds(7200)));
    }
    if (m.targetDec() > -30) {
      return List.of(new TimeWindow(from.plusSeconds(20 * 60), from.plusSeconds(3 * 3600)));
    }
    return List.of(new TimeWindow(from.plusSeconds(5 * 3600), from.plusSeconds(7 * 3600)));
  };
  final StillInView view = new StillInView(sky, Duration.ofMinutes(30));

  Mission movedTo(double dec) {
    return before.relocated(before.targetRa(), dec, new AlertLocalization(0.1, NOW, NOW));
  }

  @Test
  void aNodeThatSeesTheNewTargetNowKeepsTheTask() {
    assertThat(view.test(node, task, movedTo(10), NOW)).isTrue();
  }

  @Test
  void aWindowOpeningWithinTheLookaheadIsEnoughAsForAnAssignment() {
    assertThat(view.test(node, task, movedTo(-10), NOW)).isTrue();
  }

  @Test
  void aNodeThatSeesTheNewTargetOnlyLaterLosesTheTask() {
    assertThat(view.test(node, task, movedTo(-45), NOW)).isFalse();
  }

  @Test
  void aWindowTooShortToBeWorthASlewIsNotSeeingIt() {
    SkyView brief = (n, m, from, to) -> List.of(new TimeWindow(from, from.plusSeconds(30)));
    assertThat(new StillInView(brief, Duration.ofMinutes(30)).test(node, task, movedTo(10), NOW)).isFalse();
  }
}
