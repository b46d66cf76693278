package org.openastro.cql.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.cql.ingest.ProgressRule.Decision.CREDIT_LATE;
import static org.openastro.cql.ingest.ProgressRule.Decision.NOT_ASSIGNED;
import static org.openastro.cql.ingest.ProgressRule.Decision.TASK_CLOSED;
import static org.openastro.cql.ingest.ProgressRule.Decision.UNCHANGED;
import static org.openastro.cql.ingest.ProgressRule.Decision.WRITE;
import static org.openastro.domain.TaskStatus.EXECUTING;
import static org.openastro.domain.TaskStatus.FAILED;
import static org.openastro.domain.TaskStatus.PARTIAL_COMPLETE;
import static org.openastro.domain.TaskStatus.PENDING;
import static org.openastro.domain.TaskStatus.SUCCESS;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.ingest.ProgressRule.Stored;
import org.openastro.domain.TaskStatus;

/** The cumulative progress rule: never lowers, closed stays closed, duplicates change nothing. */
class ProgressRuleTest {
  static final UUID NODE = UUID.randomUUID();
  static final UUID MISSION = UUID.randomUUID();
  static final UUID TASK = UUID.randomUUID();

  static Stored stored(TaskStatus status, double exposure) {
    return new Stored(MISSION, NODE, status, exposure);
  }

  static TaskProgress report(TaskStatus status, double exposure) {
    return new TaskProgress(NODE, TASK, exposure, status, List.of(), Instant.now());
  }

  /** What the writer stores after a WRITE decision. */
  static Stored after(Stored s, TaskProgress r) {
    return new Stored(s.missionId(), s.assignedNodeId(), r.status(), ProgressRule.exposureAfter(s, r));
  }

  @Test
  void firstReportStartsAPendingTaskEvenWithZeroExposure() {
    assertThat(ProgressRule.decide(stored(PENDING, 0), report(EXECUTING, 0))).isEqualTo(WRITE);
  }

  @Test
  void moreExposureIsWrittenAndTheSameReportAgainChangesNothing() {
    Stored s = stored(EXECUTING, 600);
    TaskProgress r = report(EXECUTING, 900);
    assertThat(ProgressRule.decide(s, r)).isEqualTo(WRITE);
    Stored next = after(s, r);
    assertThat(next.exposureDeliveredS()).isEqualTo(900);
    assertThat(ProgressRule.decide(next, r)).as("redelivery").isEqualTo(UNCHANGED);
  }

  @Test
  void anOlderReportNeverLowersExposure() {
    Stored s = stored(EXECUTING, 900);
    assertThat(ProgressRule.decide(s, report(EXECUTING, 600))).isEqualTo(UNCHANGED);
    assertThat(ProgressRule.exposureAfter(s, report(EXECUTING, 600))).isEqualTo(900);
    // closing with a smaller total than stored closes, but keeps the larger exposure
    TaskProgress lateSmallSuccess = report(SUCCESS, 300);
    assertThat(ProgressRule.decide(s, lateSmallSuccess)).isEqualTo(WRITE);
    assertThat(after(s, lateSmallSuccess).exposureDeliveredS()).isEqualTo(900);
  }

  @Test
  void closingIsWrittenOnceThenItsRedeliveryIsUnchanged() {
    Stored s = stored(EXECUTING, 1800);
    TaskProgress done = report(SUCCESS, 3600);
    assertThat(ProgressRule.decide(s, done)).isEqualTo(WRITE);
    Stored closed = after(s, done);
    assertThat(ProgressRule.decide(closed, done)).isEqualTo(UNCHANGED);
    assertThat(ProgressRule.decide(closed, report(SUCCESS, 1800))).isEqualTo(UNCHANGED);
  }

  @Test
  void aClosedTaskNeverReopens() {
    for (TaskStatus closedStatus : List.of(SUCCESS, FAILED, TaskStatus.CANCELLED)) {
      Stored closed = stored(closedStatus, 1800);
      boolean taken = closedStatus == TaskStatus.CANCELLED;
      // late EXECUTING reports with no more exposure: harmless redeliveries
      assertThat(ProgressRule.decide(closed, report(EXECUTING, 1800))).as(closedStatus + " late").isEqualTo(UNCHANGED);
      assertThat(ProgressRule.decide(closed, report(EXECUTING, 10))).isEqualTo(UNCHANGED);
      // anything that would change it is refused
      // ... except the final report on a task the scheduler cancelled: its seconds are credited
      // (a PARTIAL_COMPLETE task credits late exposure too: see the test below)
      assertThat(ProgressRule.decide(closed, report(EXECUTING, 1801))).as(closedStatus + " more")
          .isEqualTo(taken ? ProgressRule.Decision.CREDIT : TASK_CLOSED);
      TaskStatus otherClosing = closedStatus == SUCCESS ? FAILED : SUCCESS;
      assertThat(ProgressRule.decide(closed, report(otherClosing, 1800))).as(closedStatus + " flip").isEqualTo(TASK_CLOSED);
    }
    assertThat(ProgressRule.decide(stored(SUCCESS, 1800), report(SUCCESS, 3600))).isEqualTo(TASK_CLOSED);
    assertThat(ProgressRule.isClosed(PARTIAL_COMPLETE)).isTrue();
    assertThat(ProgressRule.isClosed(EXECUTING)).isFalse();
    assertThat(ProgressRule.isClosed(PENDING)).isFalse();
  }

  @Test
  void aPartialTaskCreditsLaterExposureOnceAndStaysPartial() {
    Stored partial = stored(PARTIAL_COMPLETE, 1800);
    for (TaskStatus reported : List.of(EXECUTING, SUCCESS, FAILED)) {
      TaskProgress more = report(reported, 2400);
      assertThat(ProgressRule.decide(partial, more)).as(reported + " with more").isEqualTo(CREDIT_LATE);
      assertThat(ProgressRule.statusAfter(CREDIT_LATE, partial, more)).isEqualTo(PARTIAL_COMPLETE);
      assertThat(ProgressRule.exposureAfter(partial, more)).isEqualTo(2400);
    }
    // once credited, the same total again changes nothing: counted exactly once
    Stored credited = stored(PARTIAL_COMPLETE, 2400);
    assertThat(ProgressRule.decide(credited, report(EXECUTING, 2400))).isEqualTo(UNCHANGED);
    assertThat(ProgressRule.decide(credited, report(SUCCESS, 2400))).isEqualTo(UNCHANGED);
    assertThat(ProgressRule.decide(credited, report(EXECUTING, 100))).isEqualTo(UNCHANGED);
    // still only from the node it was assigned to
    assertThat(ProgressRule.decide(credited, new TaskProgress(UUID.randomUUID(), TASK, 3000, EXECUTING, List.of(),
        Instant.now()))).isEqualTo(NOT_ASSIGNED);
  }

  @Test
  void aFinalReportAfterTheCancellationIsCreditedUpToTheMomentOfTheClose() {
    Instant start = Instant.parse("2026-12-01T20:00:00Z");
    Instant closedAt = start.plusSeconds(1000);
    ExposureLimit realTime = new ExposureLimit(1.0, java.time.Duration.ofSeconds(5));
    Stored partial = stored(PARTIAL_COMPLETE, 900);
    assertThat(ProgressRule.credited(partial, start, closedAt, report(FAILED, 990), realTime)).isEqualTo(990);
    // more than the wall clock allowed until the close (plus slack): capped there
    assertThat(ProgressRule.credited(partial, start, closedAt, report(FAILED, 1500), realTime)).isEqualTo(1005);
    assertThat(ProgressRule.credited(partial, start, closedAt, report(FAILED, 1500), ExposureLimit.NONE)).isEqualTo(1500);
    // never below what is stored
    assertThat(ProgressRule.credited(partial, start, start, report(FAILED, 950), realTime)).isEqualTo(900);
    // another node's report is still refused
    assertThat(ProgressRule.decide(new Stored(MISSION, UUID.randomUUID(), PARTIAL_COMPLETE, 900), report(FAILED, 990)))
        .isEqualTo(NOT_ASSIGNED);
  }

  @Test
  void onlyTheAssignedNodeMayReport() {
    TaskProgress mine = report(EXECUTING, 100);
    assertThat(ProgressRule.decide(new Stored(MISSION, UUID.randomUUID(), EXECUTING, 0), mine)).isEqualTo(NOT_ASSIGNED);
    assertThat(ProgressRule.decide(new Stored(MISSION, null, PENDING, 0), mine)).isEqualTo(NOT_ASSIGNED);
    // refused before anything else: a foreign closed task is "not assigned", not "closed"
    assertThat(ProgressRule.decide(new Stored(MISSION, UUID.randomUUID(), SUCCESS, 0), mine)).isEqualTo(NOT_ASSIGNED);
  }

  @Test
  void failingAnExecutingTaskKeepsItsExposure() {
    Stored s = stored(EXECUTING, 1200);
    TaskProgress failed = report(FAILED, 0);
    assertThat(ProgressRule.decide(s, failed)).isEqualTo(WRITE);
    assertThat(after(s, failed)).isEqualTo(new Stored(MISSION, NODE, FAILED, 1200));
  }

  @org.junit.jupiter.api.Test
  void exposureCannotGrowFasterThanWallClockSinceTheWindowStartPlusSlack() {
    java.time.Instant start = java.time.Instant.parse("2030-01-01T00:00:00Z");
    ExposureLimit limit = new ExposureLimit(1, java.time.Duration.ofSeconds(60));
    org.assertj.core.api.Assertions.assertThat(limit.maxAt(start, start.plusSeconds(7))).isEqualTo(67.0);
    org.assertj.core.api.Assertions.assertThat(limit.maxAt(null, start)).isInfinite();
    org.assertj.core.api.Assertions.assertThat(ExposureLimit.NONE.maxAt(start, start)).isInfinite();
    Stored stored = new Stored(MISSION, NODE, EXECUTING, 0);
    TaskProgress fake = new TaskProgress(NODE, java.util.UUID.randomUUID(), 1800, org.openastro.domain.TaskStatus.SUCCESS,
        java.util.List.of(), start.plusSeconds(7));
    TaskProgress honest = new TaskProgress(NODE, fake.taskId(), 60, EXECUTING, java.util.List.of(), start.plusSeconds(7));
    org.assertj.core.api.Assertions.assertThat(ProgressRule.implausible(stored, start, fake, limit)).isTrue();
    org.assertj.core.api.Assertions.assertThat(ProgressRule.implausible(stored, start, honest, limit)).isFalse();
    org.assertj.core.api.Assertions.assertThat(ProgressRule.implausible(new Stored(MISSION, NODE, EXECUTING, 1800), start,
        fake, limit)).as("no growth: a replay is never implausible").isFalse();
  }
}
