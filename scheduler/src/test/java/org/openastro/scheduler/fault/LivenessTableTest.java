package org.openastro.scheduler.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LivenessTableTest {
  static final Instant T = Instant.parse("2026-03-20T21:00:00Z");
  final FaultRule rule = new FaultRule(Duration.ofSeconds(15), 3);
  final LivenessTable table = new LivenessTable(rule);
  final UUID a = UUID.randomUUID();
  final UUID b = UUID.randomUUID();

  @Test
  void threeMissedIntervalsFaultANode_notTwoAndAHalf() {
    table.heard(a, T);
    assertThat(table.silentAt(T.plusSeconds(44))).isEmpty();
    assertThat(rule.isFaulted(T, T.plusSeconds(44))).isFalse();
    assertThat(table.silentAt(T.plusSeconds(45))).containsExactly(new LivenessTable.Silent(a, T));
    assertThat(rule.isFaulted(T, T.plusSeconds(45))).isTrue();
  }

  @Test
  void aHeartbeatPushesTheDeadline() {
    table.heard(a, T);
    table.heard(a, T.plusSeconds(15));
    table.heard(a, T.plusSeconds(30));
    assertThat(table.silentAt(T.plusSeconds(60))).isEmpty();
    assertThat(table.silentAt(T.plusSeconds(75))).extracting(LivenessTable.Silent::nodeId).containsExactly(a);
  }

  @Test
  void eachFaultIsReportedOnceUntilTheNodeHeartbeatsAgain() {
    table.heard(a, T);
    table.heard(b, T.plusSeconds(10));
    assertThat(table.silentAt(T.plusSeconds(100))).extracting(LivenessTable.Silent::nodeId).containsExactly(a, b);
    assertThat(table.silentAt(T.plusSeconds(200))).isEmpty();
    assertThat(table.watches(a)).isFalse();
    // back again: watched again, and faults again after another silence
    table.heard(a, T.plusSeconds(300));
    assertThat(table.watches(a)).isTrue();
    assertThat(table.silentAt(T.plusSeconds(345))).extracting(LivenessTable.Silent::nodeId).containsExactly(a);
  }

  @Test
  void anOlderHeartbeatDeliveredLateChangesNothing() {
    table.heard(a, T.plusSeconds(30));
    table.heard(a, T);
    assertThat(table.lastHeard(a)).isEqualTo(T.plusSeconds(30));
    assertThat(table.silentAt(T.plusSeconds(50))).isEmpty();
  }

  @Test
  void forgottenNodesNeverFault() {
    table.heard(a, T);
    table.forget(a);
    assertThat(table.silentAt(T.plusSeconds(1000))).isEmpty();
  }

  @Test
  void rebuiltFromAnOldStoredHeartbeatFaultsOnTheFirstSweep() {
    // after a restart the table is filled from Cassandra; a node silent for a minute faults at once
    Instant now = T.plusSeconds(60);
    table.heard(a, T);
    assertThat(table.silentAt(now)).extracting(LivenessTable.Silent::nodeId).containsExactly(a);
  }

  @Test
  void shortIntervalsForTests() {
    FaultRule fast = new FaultRule(Duration.ofSeconds(1), 3);
    assertThat(fast.faultAt(T)).isEqualTo(T.plusSeconds(3));
  }
}
