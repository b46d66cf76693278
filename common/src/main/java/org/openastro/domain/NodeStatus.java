package org.openastro.domain;

/** A node's operational state (DESIGN.md: Node.Status). */
public enum NodeStatus {
  ONLINE, BUSY, PARKED, FAULTED
}
