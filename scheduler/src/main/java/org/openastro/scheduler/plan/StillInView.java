package org.openastro.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;

/**
 * Whether the node holding a task can still observe its mission once a later alert notice moved
 * the target: the assignment rule itself ({@link AssignmentPlanner#usableWindow}: the node sees the
 * new target now or within the lookahead, for a useful while), so a node keeps a moved task exactly
 * when the assigner would give it that task now. Pure given its {@link SkyView}; CPU work with the
 * real sky: call it off the event loop.
 */
public final class StillInView {
  private final AssignmentPlanner planner;

  public StillInView(SkyView sky, Duration lookahead) {
    this.planner = new AssignmentPlanner(sky, lookahead);
  }

  /** {@code node} (holding {@code task}) can observe {@code moved}'s target. */
  public boolean test(Node node, Task task, Mission moved, Instant now) {
    return planner.usableWindow(node, new PendingWork(task, moved), now) != null;
  }
}
