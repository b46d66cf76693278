package org.openastro.domain;

/** A mission's lifecycle state. */
public enum MissionStatus {
  PENDING, IN_PROGRESS, COMPLETE, EXPIRED,
  /** Terminal: cancelled by its owner or an admin; delivered exposure and artifacts stay. */
  CANCELLED
}
