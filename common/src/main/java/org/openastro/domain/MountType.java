package org.openastro.domain;

/** How the telescope mount moves. */
public enum MountType {
  EQ, ALTAZ
}
