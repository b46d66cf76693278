package org.openastro.chaos;

import java.util.List;
import java.util.Locale;

/**
 * What a chaos run found, with its goals: no acknowledged report lost, no node falsely FAULTED,
 * every mission complete, every silenced probe FAULTED in time across the scheduler kill.
 *
 * @param kills each kill, in order
 * @param heartbeatsAcked heartbeats the gateways acknowledged to the simulator
 * @param heartbeatsMissing of those, how many are not in node_heartbeats
 * @param tasksWithProgress tasks with an acknowledged progress report
 * @param progressMissing tasks whose stored exposure is below what was acknowledged
 * @param examples a few of the missing, for the log
 * @param simulatedFaults nodes the simulator took away on purpose
 * @param simulatedFaultsSeen of those, how many were seen FAULTED
 * @param faultsMissed the simulated faults never seen FAULTED: node, when it went and came back
 * @param falselyFaulted nodes seen FAULTED although heard within the fault window (never silent on purpose)
 * @param faultedAfterSilence nodes not silent on purpose, FAULTED after going unheard longer than the window
 *     (the rule held; their move to another gateway took too long)
 * @param missionsCreated missions in the keyspace
 * @param missionsComplete of those, COMPLETE at the end
 * @param probeDelaysMs for each probe silenced at the scheduler kill: last acknowledged heartbeat to
 *     FAULTED seen (-1 = never)
 * @param detectionGoalMs the most a probe may take
 * @param longestAckGapMs the longest time the whole fleet went without an acknowledged heartbeat
 * @param elapsedS the whole run
 */
record ChaosReport(List<Kill> kills, long heartbeatsAcked, long heartbeatsMissing, long tasksWithProgress,
    long progressMissing, List<String> examples, long simulatedFaults, long simulatedFaultsSeen, List<String> faultsMissed,
    List<String> falselyFaulted, List<String> faultedAfterSilence, long missionsCreated, long missionsComplete, List<Long> probeDelaysMs,
    long detectionGoalMs, long longestAckGapMs, double elapsedS) {

  /**
   * One SIGKILL.
   *
   * @param what "cassandra", "gateway" or "scheduler" and which one
   * @param atS seconds since the load started
   * @param backAfterS until it answered again (relaunched node answering CQL, restarted process ready)
   * @param longestAckGapMs the longest time without any acknowledged heartbeat from the kill until it was back
   * @param worstNodeGapMs the longest time one node (not faulted on purpose) went without an acknowledged
   *     heartbeat over the same span
   */
  record Kill(String what, double atS, double backAfterS, long longestAckGapMs, long worstNodeGapMs) {}

  boolean goalsHeld() {
    return heartbeatsAcked > 0 && heartbeatsMissing == 0 && progressMissing == 0 && falselyFaulted.isEmpty()
        && missionsCreated > 0 && missionsComplete == missionsCreated && simulatedFaultsSeen == simulatedFaults
        && !probeDelaysMs.isEmpty() && probeDelaysMs.stream().allMatch(d -> d >= 0 && d <= detectionGoalMs);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "chaos run: %.0f s%n", elapsedS));
    for (Kill k : kills) {
      out.append(String.format(Locale.ROOT,
          "  kill -9 %-22s at %5.0f s: back after %5.1f s; longest fleet-wide gap in acks %5.1f s;"
              + " worst node's gap %5.1f s%n", k.what(), k.atS(), k.backAfterS(), k.longestAckGapMs() / 1000.0,
          k.worstNodeGapMs() / 1000.0));
    }
    out.append(String.format(Locale.ROOT, "  acknowledged heartbeats: %,d, missing in Cassandra: %d (goal 0)%n",
        heartbeatsAcked, heartbeatsMissing));
    out.append(String.format(Locale.ROOT,
        "  tasks with acknowledged progress: %,d, stored below the acknowledged exposure: %d (goal 0)%n",
        tasksWithProgress, progressMissing));
    examples.forEach(e -> out.append("    missing: ").append(e).append('\n'));
    out.append(String.format(Locale.ROOT, "  nodes falsely FAULTED (heard within the window): %d (goal 0)%s%n", falselyFaulted.size(),
        falselyFaulted.isEmpty() ? "" : " " + falselyFaulted.subList(0, Math.min(10, falselyFaulted.size()))));
    out.append(String.format(Locale.ROOT,
        "  nodes FAULTED after going unheard longer than the window (the rule held, a slow move): %d%s%n",
        faultedAfterSilence.size(), faultedAfterSilence.isEmpty() ? ""
            : " " + faultedAfterSilence.subList(0, Math.min(5, faultedAfterSilence.size()))));
    out.append(String.format(Locale.ROOT, "  simulated faults: %d, seen FAULTED: %d (goal all)%n", simulatedFaults,
        simulatedFaultsSeen));
    faultsMissed.forEach(f -> out.append("    never seen FAULTED: ").append(f).append('\n'));
    out.append(String.format(Locale.ROOT, "  missions complete: %d of %d (goal all)%n", missionsComplete,
        missionsCreated));
    out.append(String.format(Locale.ROOT,
        "  fault detection across the scheduler kill (last ack -> FAULTED seen), probes: %s ms (goal <= %d ms)%n",
        probeDelaysMs, detectionGoalMs));
    out.append(String.format(Locale.ROOT, "  longest fleet-wide gap in acknowledged heartbeats: %.1f s%n",
        longestAckGapMs / 1000.0));
    out.append("  goals ").append(goalsHeld() ? "HELD" : "NOT HELD").append('\n');
    return out.toString();
  }
}
