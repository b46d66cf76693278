package org.openastro.scheduler.astro;

/**
 * A telescope's place on Earth.
 *
 * @param latitudeDeg geodetic latitude, degrees north, -90..90
 * @param longitudeDeg longitude, degrees east; -180..360 accepted (values above 180 mean the same
 *     as value - 360)
 * @param elevationM height above the ellipsoid in metres. Kept for completeness: without
 *     refraction and with the horizon taken as the geodetic one, it changes no window edge by more
 *     than a fraction of a second (see package-info).
 */
public record Site(double latitudeDeg, double longitudeDeg, double elevationM) {

  public Site {
    Checks.between("lat", latitudeDeg, -90, 90);
    if (!(longitudeDeg >= -180 && longitudeDeg <= 360)) {
      throw new IllegalArgumentException(
          "lon must be between -180 and 360 degrees east, was " + longitudeDeg);
    }
    if (!Double.isFinite(elevationM)) {
      throw new IllegalArgumentException("elevation_m must be a finite number, was " + elevationM);
    }
  }

  /** Longitude east in (-180, 180], the form the local-day arithmetic uses. */
  double longitudeEastDeg() {
    return longitudeDeg > 180 ? longitudeDeg - 360 : longitudeDeg;
  }
}
