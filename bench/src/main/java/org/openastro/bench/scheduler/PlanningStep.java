package org.openastro.bench.scheduler;

import static org.openastro.bench.scheduler.SchedulerScaleBenchmark.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openastro.cql.Store;

/**
 * The missions arrive: all stored at once, then each instance's CPU and requests until tasks and
 * assignments have stopped coming for 30 s or {@code planWait} has passed. Some targets have no
 * window in the planning horizon, so "every mission planned" may never come.
 */
final class PlanningStep {
  private static final Duration QUIET = Duration.ofSeconds(30);

  private final int missions;
  private final double exposureS;
  private final long seed;
  private final Duration planWait;

  PlanningStep(int missions, double exposureS, long seed, Duration planWait) {
    this.missions = missions;
    this.exposureS = exposureS;
    this.seed = seed;
    this.planWait = planWait;
  }

  void run(PhaseResult result, CqlSession session, Store store, SchedulerGroup group, Assignments assignments)
      throws Exception {
    group.meters().forEach(InstanceMeter::resetHeap);
    List<InstanceMeter.Snapshot> before = group.meters().stream().map(InstanceMeter::snapshot).toList();
    long t0 = System.nanoTime();
    int failed = MissionLoad.create(store.missions(), missions, exposureS, seed, 64);
    say("stored %,d missions in %.1f s (%d failed); waiting for planning and assignment (at most %d s)",
        missions - failed, (System.nanoTime() - t0) / 1e9, failed, planWait.toSeconds());
    result.line("missions stored", "%,d in %.1f s, %d failed", missions - failed, (System.nanoTime() - t0) / 1e9,
        failed);
    long[] last = {-1, -1};
    long[] stableSince = {System.nanoTime()};
    boolean settled = false;
    try {
      settled = ScalePhase.awaitQuietly(planWait, Duration.ofSeconds(5), () -> {
        ScalePhase.failIfDead(group);
        long[] now = {taskRows(session), assignments.count()};
        if (now[0] != last[0] || now[1] != last[1]) {
          last[0] = now[0];
          last[1] = now[1];
          stableSince[0] = System.nanoTime();
        }
        say("  %,d tasks stored, %,d assigned", now[0], now[1]);
        return now[1] > 0 && System.nanoTime() - stableSince[0] > QUIET.toNanos();
      });
    } finally {
      // Also when an instance died meanwhile: the survivors' figures up to then are kept.
      List<InstanceMeter.Snapshot> after = group.meters().stream().map(InstanceMeter::snapshot).toList();
      for (int i = 0; i < before.size(); i++) {
        result.planning.add(group.meters().get(i).between(before.get(i), after.get(i)));
      }
      result.line("planning window", "%.0f s from the first mission stored, %s", (System.nanoTime() - t0) / 1e9,
          settled ? "settled (no new task and no new assignment for " + QUIET.toSeconds() + " s)"
              : "NOT settled: the next window starts with planning still going");
      for (InstanceMeter.Window w : result.planning) {
        result.line(w.instance() + " planning window: CPU, Cassandra requests", "%.2f cores, %,.0f requests/s, "
            + "%,.0f tasks assigned", w.cpuCores(), w.requestsPerSecond(), w.assigned());
        result.line(w.instance() + " planning window: its own sweep / round timers", "%s", ScalePhase.timers(w));
      }
      for (InstanceMeter m : group.meters()) {
        result.line(m.child.name + " creation -> assignment p50 / p99 (its own timer)", "%.1f / %.1f s",
            m.assignmentLatencySeconds("0.5"), m.assignmentLatencySeconds("0.99"));
      }
    }
  }

  /** Task rows stored so far (a scan: a few thousand rows at most). */
  private static long taskRows(CqlSession session) {
    long rows = 0;
    for (Row ignored : session.execute("SELECT task_id FROM tasks")) {
      rows++;
    }
    return rows;
  }
}
