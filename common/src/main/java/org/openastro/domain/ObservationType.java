package org.openastro.domain;

/**
 * A mission's observation class. TIME_CRITICAL is planned and assigned ahead of every NORMAL
 * mission whatever the priority and never preempts; RAPID_RESPONSE goes ahead of both and may
 * take a busy node from a lower class (README "Preemption"). Declared lowest class first.
 */
public enum ObservationType {
  NORMAL, TIME_CRITICAL, RAPID_RESPONSE;

  /** How the pending queue and the planner rank a task: the class first, then the priority (1–100). */
  public int queuePriority(int priority) {
    return ordinal() * 1000 + priority;
  }

  /** The stored text, NORMAL when absent (rows written before the class existed). */
  public static ObservationType ofStored(String text) {
    return text == null ? NORMAL : valueOf(text);
  }
}
