package org.openastro.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;

/** The scheduler's gauges show what a sweep read, counted once per mission, zeros included. */
class SchedulerMetricsTest {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final SchedulerMetrics metrics = new SchedulerMetrics(registry);

  double tasks(TaskStatus s) {
    return registry.get("openastro.scheduler.tasks").tag("status", s.name()).gauge().value();
  }

  @Test
  void taskGaugesShowTheLastSweepWithEachMissionOnce() {
    UUID m1 = UUID.randomUUID();
    UUID m2 = UUID.randomUUID();
    metrics.beginTaskTally();
    metrics.tallyTasks(m1, List.of(TaskStatus.PENDING, TaskStatus.EXECUTING));
    metrics.tallyTasks(m2, List.of(TaskStatus.PENDING));
    metrics.tallyTasks(m1, List.of(TaskStatus.PENDING, TaskStatus.SUCCESS)); // re-read by a progress event
    metrics.endTaskTally();
    assertThat(tasks(TaskStatus.PENDING)).isEqualTo(2.0);
    assertThat(tasks(TaskStatus.SUCCESS)).isEqualTo(1.0);
    assertThat(tasks(TaskStatus.EXECUTING)).isEqualTo(0.0);
    assertThat(tasks(TaskStatus.FAILED)).isEqualTo(0.0);

    // Outside a sweep nothing is collected; the next sweep replaces the figures.
    metrics.tallyTasks(m2, List.of(TaskStatus.FAILED));
    metrics.beginTaskTally();
    metrics.endTaskTally();
    assertThat(tasks(TaskStatus.PENDING)).isEqualTo(0.0);
    assertThat(tasks(TaskStatus.FAILED)).isEqualTo(0.0);
  }

  @Test
  void nodeGaugesCountersAndLatency() {
    metrics.nodesIn(NodeStatus.ONLINE, 3);
    metrics.nodesIn(NodeStatus.ONLINE, 2);
    metrics.nodesIn(NodeStatus.FAULTED, 1);
    assertThat(registry.get("openastro.scheduler.nodes").tag("status", "ONLINE").gauge().value()).isEqualTo(2.0);
    assertThat(registry.get("openastro.scheduler.nodes").tag("status", "FAULTED").gauge().value()).isEqualTo(1.0);

    metrics.faultDetected();
    metrics.remainderCreated();
    metrics.remainderCreated();
    assertThat(registry.get("openastro.scheduler.faults.detected").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("openastro.scheduler.remainder.tasks").counter().count()).isEqualTo(2.0);

    metrics.assigned(Duration.ofMillis(1500));
    metrics.assigned(Duration.ofMillis(-5)); // a creator's clock ahead of ours
    var timer = registry.get("openastro.scheduler.assignment.latency").timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
  }
}
