package org.openastro.bench.alerts;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.openastro.scheduler.astro.Target;

/**
 * Alerts into a busy fleet: every telescope is observing a NORMAL task (EXECUTING, acknowledged)
 * when a GRB alert arrives, so its RAPID_RESPONSE task reaches a node only by preempting one.
 * Alerts go one at a time: each waits until its task is on a node's downlink and the fleet is busy
 * again. The preempted node obeys ({@link BusyFleet}): final FAILED report for the interrupted
 * task, the RAPID_RESPONSE task done at once, and then it takes the interrupted task's remainder,
 * which the scheduler queued and hands to the first free node; if none reaches it within
 * {@code refillGrace}, a new NORMAL mission is posted so that every node is busy at the next alert.
 */
final class BusyPhase {
  /** What the NORMAL work asks: below the GRB rule's 95, so it may be preempted (gap 0 by default). */
  static final int NORMAL_PRIORITY = 50;
  static final double NORMAL_EXPOSURE_S = 3000;
  static final Duration SERVED_WITHIN = Duration.ofSeconds(30);
  static final Duration BUSY_WITHIN = Duration.ofSeconds(30);
  /** The goal's bound: alerts served slower are listed one by one. */
  static final Duration SLOW = Duration.ofSeconds(1);

  record Result(Latencies answered, Latencies sent, Latencies cancelled, Latencies refill, List<String> lines) {}

  private final BenchHttp api;
  private final NightSite site;
  private final BenchTelescopes telescopes;
  private final List<String> nodeIds;
  private final Function<Target, String> alert;
  private final Duration refillGrace;
  private BusyFleet fleet;
  private int newMissions;

  /** {@code alert}: the GCN notice for a target, as the idle alert phase posts it. */
  BusyPhase(BenchHttp api, NightSite site, BenchTelescopes telescopes, List<String> nodeIds,
      Function<Target, String> alert, Duration refillGrace) {
    this.api = api;
    this.site = site;
    this.telescopes = telescopes;
    this.nodeIds = List.copyOf(nodeIds);
    this.alert = alert;
    this.refillGrace = refillGrace;
  }

  Result run(int n, int warmup) throws Exception {
    Latencies answered = new Latencies("busy (POST /alerts) answer -> RR task");
    Latencies sent = new Latencies("busy request sent -> RR task");
    Latencies cancelled = new Latencies("busy answer -> preempted cancellation");
    Latencies refill = new Latencies("busy RR task -> next NORMAL task");
    awaitFree();
    fleet = new BusyFleet(telescopes);
    telescopes.behave(fleet);
    try {
      fill(Duration.ZERO);
      int initialMissions = newMissions;
      AlertLatencyBenchmark.say("busy: %d nodes EXECUTING NORMAL tasks (%d missions); %d + %d warm-up alerts, each"
          + " after the fleet is busy again", nodeIds.size(), initialMissions, n, warmup);
      List<BusyFleet.Preempted> preemptions = new ArrayList<>();
      Map<String, Integer> perNode = new TreeMap<>();
      int unpreempted = 0;
      int byRemainder = 0;
      int byMission = 0;
      List<String> slow = new ArrayList<>();
      for (int i = 0; i < n + warmup; i++) {
        long sentAt = System.nanoTime();
        JsonObject mission = answer(api.post("/api/v1/alerts", alert.apply(target())));
        long answeredAt = System.nanoTime();
        String missionId = mission.getString("mission_id");
        BusyFleet.Rapid rapid = awaitServed(missionId);
        BusyFleet.Preempted preempted = rapid == null ? null : fleet.preemptionFor(rapid.taskId());
        int posted = newMissions;
        fill(refillGrace);
        posted = newMissions - posted;
        if (i < warmup) {
          continue;
        }
        if (rapid == null) {
          answered.missing();
          sent.missing();
          cancelled.missing();
          continue;
        }
        answered.record(rapid.arrivedAt() - answeredAt);
        sent.record(rapid.arrivedAt() - sentAt);
        if (rapid.arrivedAt() - answeredAt > SLOW.toNanos()) {
          // with its ids and wall-clock time, to be found in the scheduler's log (-Dbench.log=INFO)
          slow.add(String.format(Locale.ROOT, "#%d %.0f ms (cancellation %s ms) mission %s", i - warmup,
              (rapid.arrivedAt() - answeredAt) / 1e6,
              preempted == null ? "none" : String.format(Locale.ROOT, "%.0f", (preempted.arrivedAt() - answeredAt) / 1e6),
              missionId));
          AlertLatencyBenchmark.say("busy: slow alert %s", slow.get(slow.size() - 1));
        }
        if (preempted == null) {
          unpreempted++; // a free node took it: the fleet was not busy after all
          cancelled.missing();
        } else {
          cancelled.record(preempted.arrivedAt() - answeredAt);
          preemptions.add(preempted);
          perNode.merge(preempted.nodeId().substring(0, 8), 1, Integer::sum);
        }
        // The node reported the RR task done on arrival: from then until its next NORMAL task.
        BusyFleet.Observing again = fleet.observing(rapid.nodeId());
        if (again != null && again.arrivedAt() > rapid.arrivedAt()) {
          refill.record(again.arrivedAt() - rapid.arrivedAt());
          byRemainder += again.remainder() ? 1 : 0;
        }
        byMission += posted;
      }
      AlertLatencyBenchmark.say("%s", answered.line());
      List<String> lines = new ArrayList<>();
      lines.add(answered.line());
      lines.add(sent.line());
      lines.add(cancelled.line());
      lines.add(refill.line());
      lines.add(String.format(Locale.ROOT, "busy fleet: all %d nodes EXECUTING a NORMAL task (priority %d) at each alert;"
          + " the preempted node reports FAILED (partial) for it, SUCCESS for the RR task, then takes new work:"
          + " the interrupted task's remainder %d times, a new NORMAL mission %d times (refill wait %d ms)",
          nodeIds.size(), NORMAL_PRIORITY, byRemainder, byMission, refillGrace.toMillis()));
      lines.add(String.format(Locale.ROOT, "preemptions: %d of %d alerts (per node %s)%s", preemptions.size(),
          answered.count(), perNode, unpreempted == 0 ? "" : "; served by a free node: " + unpreempted));
      lines.add(remainders(preemptions));
      lines.add(String.format(Locale.ROOT, "over %d ms (answer -> RR task): %d of %d%s", SLOW.toMillis(), slow.size(),
          answered.count(), slow.isEmpty() ? "" : ": " + String.join("; ", slow)));
      List<String> refused = fleet.refusedReports();
      if (!refused.isEmpty()) {
        lines.add("refused progress reports: " + refused.size() + ", first: " + refused.get(0));
      }
      return new Result(answered, sent, cancelled, refill, lines);
    } finally {
      telescopes.behave(null);
    }
  }

  /** The earlier phases leave no work behind: a node still holding a claim would not take a NORMAL task. */
  private void awaitFree() throws Exception {
    long deadline = System.nanoTime() + BUSY_WITHIN.toNanos();
    for (String id : nodeIds) {
      while (api.read("/api/v1/nodes/" + id).getString("current_task_id") != null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node " + id + " still holds a task: " + api.read("/api/v1/nodes/" + id));
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Every node observing a NORMAL task: waits {@code grace} for the scheduler to hand idle nodes
   * queued work (remainders), then posts one NORMAL mission per node still idle.
   */
  private void fill(Duration grace) throws Exception {
    awaitBusy(grace);
    List<String> idle = fleet.idle(nodeIds);
    for (int i = 0; i < idle.size(); i++) {
      answer(api.post("/api/v1/missions", normalMission(target())));
      newMissions++;
    }
    if (!idle.isEmpty() && !awaitBusy(BUSY_WITHIN)) {
      throw new IllegalStateException("nodes not busy " + BUSY_WITHIN.toSeconds() + " s after new NORMAL missions: "
          + fleet.idle(nodeIds));
    }
  }

  private boolean awaitBusy(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!fleet.idle(nodeIds).isEmpty()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private BusyFleet.Rapid awaitServed(String missionId) throws InterruptedException {
    long deadline = System.nanoTime() + SERVED_WITHIN.toNanos();
    while (fleet.rapid(missionId) == null && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    BusyFleet.Rapid rapid = fleet.rapid(missionId);
    if (rapid == null) {
      AlertLatencyBenchmark.say("busy: mission %s got no node within %d s", missionId, SERVED_WITHIN.toSeconds());
    }
    return rapid;
  }

  /**
   * "remainders created: N of M preemptions": a task of the interrupted mission whose
   * {@code remainder_of} is the interrupted task, in any status (PENDING, or later: it may have
   * run and been preempted in turn).
   */
  private String remainders(List<BusyFleet.Preempted> preemptions) throws Exception {
    Map<String, List<JsonObject>> tasksOf = new HashMap<>();
    Map<String, Integer> byStatus = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    for (BusyFleet.Preempted p : preemptions) {
      List<JsonObject> tasks = tasksOf.get(p.missionId());
      if (tasks == null) {
        tasks = api.read("/api/v1/missions/" + p.missionId() + "/tasks").getJsonArray("tasks").stream()
            .map(JsonObject.class::cast).toList();
        tasksOf.put(p.missionId(), tasks);
      }
      JsonObject rest = tasks.stream().filter(t -> p.taskId().equals(t.getString("remainder_of"))).findFirst()
          .orElse(null);
      if (rest == null) {
        missing.add(p.taskId());
      } else {
        byStatus.merge(rest.getString("status"), 1, Integer::sum);
      }
    }
    return String.format(Locale.ROOT, "remainders created: %d of %d preemptions %s%s",
        preemptions.size() - missing.size(), preemptions.size(), byStatus,
        missing.isEmpty() ? "" : "; none for " + missing);
  }

  private Target target() {
    return site.target(ThreadLocalRandom.current().nextDouble(-3, 3), ThreadLocalRandom.current().nextDouble(-3, 3));
  }

  private static JsonObject answer(HttpResponse<String> r) {
    if (r.statusCode() != 201) {
      throw new IllegalStateException(r.request().uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  /** A long NORMAL stack the node will not finish during the phase. */
  private static String normalMission(Target t) {
    Instant now = Instant.now();
    return new JsonObject().put("target_ra", t.raDeg()).put("target_dec", t.decDeg())
        .put("science_case", "DEEP_STACK").put("priority", NORMAL_PRIORITY)
        .put("total_exposure_required_s", NORMAL_EXPOSURE_S).put("observation_type", "NORMAL")
        .put("time_constraint_start", now.toString()).put("time_constraint_end", now.plus(Duration.ofHours(6)).toString())
        .encode();
  }
}
