package org.openastro.scheduler.plan;

import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.scheduler.astro.TimeWindow;

/**
 * "Give this task to this node": the node's current or next visibility window of the target,
 * which becomes the task's WindowStart/WindowEnd. Only a proposal: the LWTs on the node and the
 * task decide, so two schedulers proposing the same thing cannot both win.
 */
public record Proposal(Task task, Mission mission, Node node, TimeWindow window) {}
