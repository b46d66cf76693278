package org.openastro.alerts.tiling;

/**
 * One field to observe: its rank (1 = encloses the most probability), its centre (J2000 degrees)
 * and the probability of the localization it encloses (a fraction of the whole region's).
 */
public record Pointing(int rank, double raDeg, double decDeg, double probability) {}
