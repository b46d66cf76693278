package org.openastro.scheduler.run;

import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;

/**
 * Work for nodes, told as it is decided. Best effort: a node that misses it (offline, another
 * gateway) gets its open tasks from Cassandra when it reconnects.
 */
interface Downlink {
  /** With the mission's target (RA/Dec, minimum altitude, science case): what a node needs to point. */
  void assignment(Task task, Mission mission);

  void cancellation(Task task);

  /** A cancellation with its reason ({@code preempted}, ...) and, when preempted, the task that took the node. */
  default void cancellation(Task task, String reason, java.util.UUID preemptedBy) {
    cancellation(task);
  }
}
