package org.openastro.domain;

/** A mission's lifecycle state. */
public enum MissionStatus {
  PENDING, IN_PROGRESS, COMPLETE, EXPIRED
}
