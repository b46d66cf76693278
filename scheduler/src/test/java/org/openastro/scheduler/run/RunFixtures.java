package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerMetrics;

/** Rows and helpers for the run-loop unit tests. */
final class RunFixtures {
  static final Instant T0 = Instant.parse("2026-03-20T20:00:00Z");

  private RunFixtures() {}

  static Node node(UUID id, NodeStatus status) {
    return new Node(id, status, 28.76, -17.88, 2396, 300, 1.0, Set.of("V"), MountType.EQ, ControlProtocol.INDI,
        0.5, null, null, T0, T0);
  }

  static Mission mission(double requiredS, MissionStatus status, Instant end) {
    return new Mission(UUID.randomUUID(), 83.6, 22.0, ScienceCase.DEEP_STACK, requiredS, 0, 50, null, end, status,
        null, 30, false, Set.of(), null, null, "test", T0);
  }

  static Task task(Mission m, UUID node, TaskStatus status, double requiredS, double deliveredS) {
    return new Task(UUID.randomUUID(), m.missionId(), node, requiredS, deliveredS, status, T0, T0.plusSeconds(7200),
        null, null, m.priority(), T0, T0);
  }

  static SchedulerMetrics metrics() {
    return new SchedulerMetrics(new SimpleMeterRegistry());
  }

  static double count(SchedulerMetrics metrics, String name) {
    var counter = metrics.registry().find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Visibility work run on the caller's thread: every future here completes synchronously. */
  static final Offload INLINE = new Offload() {
    @Override
    public <T> Future<T> run(Callable<T> work) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
  };

  /** The result of a future the fakes completed synchronously (no event loop runs here). */
  static <T> T done(Future<T> f) {
    assertThat(f.isComplete()).as("completed synchronously").isTrue();
    if (f.failed()) {
      throw new AssertionError("failed", f.cause());
    }
    return f.result();
  }
}
