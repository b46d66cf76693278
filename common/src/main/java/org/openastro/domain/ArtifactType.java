package org.openastro.domain;

/** The kind of science product. */
public enum ArtifactType {
  RAW_FITS, STACKED_FITS, LIGHT_CURVE, ASTROMETRY_REPORT
}
