package org.openastro.domain;

/** What a mission observes for; drives defaults such as priority and cadence. */
public enum ScienceCase {
  OCCULTATION, TTV, GRB_FOLLOWUP, FRB_HUNT, DEEP_STACK, TRANSIENT_FOLLOWUP, VARIABLE_STAR, ASTROMETRY
}
