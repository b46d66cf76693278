package org.openastro.scheduler.reliability;

/** How a task ended for the node that held it (the node_task_outcomes.outcome values). */
public enum Outcome {
  /** The node delivered the task's exposure and reported SUCCESS. */
  SUCCESS,
  /** The node reported FAILED. */
  FAILED,
  /** The node went silent (FAULTED) while executing the task. */
  FAULTED
}
