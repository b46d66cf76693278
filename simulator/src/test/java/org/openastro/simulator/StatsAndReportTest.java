package org.openastro.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openastro.simulator.Stats.Counter;
import org.openastro.simulator.Stats.Latency;

class StatsAndReportTest {
  @Test
  void snapshotsFoldIntervalsIntoTotals() {
    Stats stats = new Stats();
    for (int i = 1; i <= 100; i++) {
      stats.latency(Latency.MQTT_HEARTBEAT, TimeUnit.MILLISECONDS.toNanos(i));
    }
    Stats.Snapshot first = stats.snapshot();
    assertThat(first.interval().get(Latency.MQTT_HEARTBEAT).getTotalCount()).isEqualTo(100);
    stats.latency(Latency.MQTT_HEARTBEAT, TimeUnit.MILLISECONDS.toNanos(500));
    Stats.Snapshot second = stats.snapshot();
    assertThat(second.interval().get(Latency.MQTT_HEARTBEAT).getTotalCount()).isEqualTo(1);
    assertThat(second.total().get(Latency.MQTT_HEARTBEAT).getTotalCount()).isEqualTo(101);
    assertThat(Report.ms(second.total().get(Latency.MQTT_HEARTBEAT), 50)).isEqualTo("51.0");
    assertThat(Report.ms(second.total().get(Latency.MQTT_HEARTBEAT), 100)).isEqualTo("500.2");
  }

  @Test
  void latenciesBeyondTheTrackedRangeAreClampedNotLost() {
    Stats stats = new Stats();
    stats.latency(Latency.HTTP_API, TimeUnit.HOURS.toNanos(1));
    stats.latency(Latency.HTTP_API, -5);
    assertThat(stats.snapshot().total().get(Latency.HTTP_API).getTotalCount()).isEqualTo(2);
  }

  @Test
  void theSummaryNamesEveryFigure() {
    Stats stats = new Stats();
    for (int i = 0; i < 300; i++) {
      stats.count(Counter.HEARTBEATS_ACKED);
    }
    for (int i = 0; i < 100; i++) {
      stats.count(Counter.PROGRESS_ACKED);
    }
    stats.count(Counter.TASKS_RECEIVED);
    stats.count(Counter.TASKS_COMPLETED);
    stats.count(Counter.FAULTS_INJECTED);
    stats.count(Counter.FAULTS_SEEN_BY_SERVER);
    stats.count(Counter.FAULTS_RECOVERED);
    stats.latency(Latency.MQTT_PROGRESS, TimeUnit.MILLISECONDS.toNanos(3));
    stats.error("mqtt_puback_IMPLEMENTATION_SPECIFIC_ERROR");
    stats.error("mqtt_puback_IMPLEMENTATION_SPECIFIC_ERROR");
    FaultLedger ledger = new FaultLedger();
    ledger.interrupted("t1");
    ledger.interrupted("t2");
    ledger.remainderReceived("r1", "t1");
    ledger.completed("r1");
    Report.Summary summary = new Report.Summary(stats.snapshot(), 20.0, 10, 2, 1, ledger.view(), 3,
        Map.of("COMPLETE", 2, "IN_PROGRESS", 1), 0);

    assertThat(summary.messagesPerSecond()).isEqualTo(20.0);
    assertThat(summary.missionsComplete()).isEqualTo(2);
    String text = Report.summary(summary);
    assertThat(text)
        .contains("nodes: 10 (8 MQTT, 2 HTTP)")
        .contains("20.0 acked msg/s")
        .contains("MQTT progress QoS 1 → PUBACK")
        .contains("tasks: received 1, completed 1")
        .contains("faults: planned 1, injected 1, seen FAULTED by the server 1, recovered 1")
        .contains("remainder tasks: received 1, completed 1; interrupted tasks whose remainder was reassigned: 1 of 2")
        .contains("missions: created 3, completed 2")
        .contains("mqtt_puback_IMPLEMENTATION_SPECIFIC_ERROR")
        .doesNotContain("HTTP POST heartbeat"); // nothing measured, no row
  }

  @Test
  void theLiveLineShowsTheRateOfTheLastInterval() {
    Stats stats = new Stats();
    stats.count(Counter.HEARTBEATS_ACKED);
    Stats.Snapshot before = stats.snapshot();
    for (int i = 0; i < 50; i++) {
      stats.count(Counter.HEARTBEATS_ACKED);
    }
    String line = Report.liveLine(12, 5, stats.snapshot(), before, 3, 1, 4);
    assertThat(line).contains("acked 51 (10/s)").contains("down 3").contains("missions 1/4");
  }
}
