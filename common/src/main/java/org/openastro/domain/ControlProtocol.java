package org.openastro.domain;

/** How the node's software drives the hardware. */
public enum ControlProtocol {
  ASCOM_ALPACA, INDI
}
