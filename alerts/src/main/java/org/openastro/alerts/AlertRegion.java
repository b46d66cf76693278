package org.openastro.alerts;

/**
 * How a notice gives its error region beyond a bare radius, when it does: an ellipse, or a HEALPix
 * probability sky map (a URL to fetch, or the FITS bytes carried in the notice). A region larger
 * than a field is tiled into several pointings ({@link AlertTiling}).
 */
public sealed interface AlertRegion {
  /**
   * An error ellipse: semi-axes {@code aDeg} >= {@code bDeg} (a circle when equal), the major axis
   * at position angle {@code paDeg} (north through east), enclosing {@code containment} of the
   * probability (GCN's {@code containment_probability}; 0.9 when the notice does not say).
   */
  record Ellipse(double aDeg, double bDeg, double paDeg, double containment) implements AlertRegion {}

  /**
   * A HEALPix sky map, named by the notice's {@code field} ({@code healpix_url}, {@code healpix_file},
   * {@code event.skymap}) for error messages: at {@code url}, or carried as {@code fits} bytes.
   */
  record SkyMap(String field, String url, byte[] fits) implements AlertRegion {}

  /** GCN's default containment of an error radius: the 90% region. */
  double DEFAULT_CONTAINMENT = 0.9;
}
