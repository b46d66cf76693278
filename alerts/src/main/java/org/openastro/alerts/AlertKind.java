package org.openastro.alerts;

/**
 * What kind of transient an alert announces; the alert rules ({@link AlertRules}) turn each kind
 * into a science case, a priority, an exposure and a window length.
 */
public enum AlertKind {
  /** A gamma-ray burst (Swift/BAT, Fermi/GBM, SVOM, INTEGRAL): fades within hours. */
  GRB,
  /** A fast X-ray transient (Einstein Probe WXT, MAXI). */
  XRAY_TRANSIENT,
  /** A high-energy neutrino (IceCube gold/bronze tracks): look for an optical counterpart. */
  NEUTRINO,
  /** A supernova (TNS objects classified SN): evolves over weeks. */
  SUPERNOVA,
  /** Any other transient (an unclassified TNS AT, a GCN stream without a specific rule). */
  TRANSIENT
}
