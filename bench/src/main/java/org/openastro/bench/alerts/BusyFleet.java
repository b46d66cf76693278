package org.openastro.bench.alerts;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The telescopes of the busy phase, acting as the node protocol asks (README "Node protocol"):
 * <ul>
 *   <li>a NORMAL assignment: start observing and report EXECUTING with a few seconds delivered (5-30 s,
 *       at random, so the scheduler's "least exposure interrupted" rule picks different nodes);
 *   <li>a cancellation with {@code reason: preempted}: stop, report the final cumulative exposure as
 *       FAILED (what was reported plus the 2 s exposed since), then take the task named by
 *       {@code preempted_by};
 *   <li>a RAPID_RESPONSE assignment (science case {@link #RAPID_SCIENCE_CASE}, what the default
 *       ALERT_RULES give a GRB; the NORMAL work here is DEEP_STACK): report it done at once, so the
 *       node is free for the interrupted task's remainder.
 * </ul>
 * A node counts as busy from the acknowledgement of its EXECUTING report (the gateway acknowledges
 * a report once stored, so the scheduler sees the task running) until it is told to stop.
 */
final class BusyFleet implements BenchTelescopes.Behaviour {
  static final String RAPID_SCIENCE_CASE = "GRB_FOLLOWUP";
  /** Exposure a node collects between its last report and a cancellation it obeys at once. */
  static final double EXPOSED_SINCE_REPORT_S = 2;

  /** A NORMAL task a node reported EXECUTING, acknowledged. */
  record Observing(String taskId, String missionId, boolean remainder, long arrivedAt) {}

  /** A preemption as the node heard it: the cancellation of its task in favour of {@code preemptedBy}. */
  record Preempted(String nodeId, String taskId, String missionId, String preemptedBy, long arrivedAt) {}

  /** A RAPID_RESPONSE task on a node's downlink (reported done that moment). */
  record Rapid(String nodeId, String taskId, long arrivedAt) {}

  private final BenchTelescopes telescopes;
  private final Map<String, Observing> observing = new ConcurrentHashMap<>();
  private final Map<String, Double> reportedS = new ConcurrentHashMap<>();
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();
  private final Map<String, Preempted> preemptedBy = new ConcurrentHashMap<>();
  private final Map<String, Rapid> rapidByMission = new ConcurrentHashMap<>();
  private final List<String> refused = new ArrayList<>();

  BusyFleet(BenchTelescopes telescopes) {
    this.telescopes = telescopes;
  }

  @Override
  public void onDownlink(String nodeId, JsonObject message, long arrivedAt) {
    JsonObject task = message.getJsonObject("task");
    String taskId = task.getString("task_id");
    if ("cancellation".equals(message.getString("type"))) {
      stopped.add(taskId);
      observing.computeIfPresent(nodeId, (k, o) -> o.taskId().equals(taskId) ? null : o);
      if ("preempted".equals(message.getString("reason"))) {
        preemptedBy.put(message.getString("preempted_by"),
            new Preempted(nodeId, taskId, task.getString("mission_id"), message.getString("preempted_by"), arrivedAt));
      }
      double finalS = reportedS.getOrDefault(taskId, 0.0) + EXPOSED_SINCE_REPORT_S;
      report(nodeId, taskId, finalS, "FAILED", () -> { });
      return;
    }
    JsonObject mission = message.getJsonObject("mission");
    String missionId = task.getString("mission_id");
    if (mission != null && RAPID_SCIENCE_CASE.equals(mission.getString("science_case"))) {
      observing.remove(nodeId);
      rapidByMission.put(missionId, new Rapid(nodeId, taskId, arrivedAt));
      report(nodeId, taskId, task.getDouble("exposure_required_s"), "SUCCESS", () -> { });
      return;
    }
    double deliveredS = Math.min(ThreadLocalRandom.current().nextInt(5, 31), task.getDouble("exposure_required_s") / 2);
    reportedS.put(taskId, deliveredS);
    Observing o = new Observing(taskId, missionId, task.getString("remainder_of") != null, arrivedAt);
    report(nodeId, taskId, deliveredS, "EXECUTING", () -> {
      if (!stopped.contains(taskId)) {
        observing.put(nodeId, o);
      }
    });
  }

  private void report(String nodeId, String taskId, double deliveredS, String status, Runnable onAck) {
    telescopes.progress(nodeId, taskId, deliveredS, status).whenComplete((x, failure) -> {
      if (failure != null) {
        synchronized (refused) {
          refused.add(status + " " + taskId + " on " + nodeId + ": " + failure);
        }
      } else {
        onAck.run();
      }
    });
  }

  /** The nodes of {@code nodeIds} not observing a NORMAL task now. */
  List<String> idle(Collection<String> nodeIds) {
    return nodeIds.stream().filter(id -> !observing.containsKey(id)).toList();
  }

  /** The NORMAL task the node is observing, or null. */
  Observing observing(String nodeId) {
    return observing.get(nodeId);
  }

  /** The RAPID_RESPONSE task of the mission as it reached a node, or null. */
  Rapid rapid(String missionId) {
    return rapidByMission.get(missionId);
  }

  /** The preemption that made way for the RAPID_RESPONSE task, or null. */
  Preempted preemptionFor(String rapidTaskId) {
    return preemptedBy.get(rapidTaskId);
  }

  List<String> refusedReports() {
    synchronized (refused) {
      return List.copyOf(refused);
    }
  }
}
