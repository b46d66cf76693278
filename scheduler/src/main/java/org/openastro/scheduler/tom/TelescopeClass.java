package org.openastro.scheduler.tom;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A telescope class as the portal names one, {@code 0m4} (0.4 m) or {@code 1m0}: the fleet's
 * apertures to the nearest decimetre. An instrument type starts with its class in capitals
 * ({@code 0M4-IMAGER} here, {@code 1M0-SCICAM-SINISTRO} at LCO), so a request that names either
 * asks for a telescope of that class or larger: a mission's minimum aperture is the class's lower
 * edge ({@code 0m4}: 350 mm).
 *
 * @param tenths the aperture in tenths of a metre, at least 1
 */
record TelescopeClass(int tenths) implements Comparable<TelescopeClass> {
  static final String INSTRUMENT_SUFFIX = "-IMAGER";
  private static final Pattern CODE = Pattern.compile("(\\d{1,2})m(\\d)", Pattern.CASE_INSENSITIVE);
  private static final Pattern INSTRUMENT = Pattern.compile("(\\d{1,2})M(\\d)(-.*)?", Pattern.CASE_INSENSITIVE);

  TelescopeClass {
    if (tenths < 1) {
      throw new IllegalArgumentException("a telescope class is at least 0m1");
    }
  }

  /** The class of a telescope of {@code apertureMm} (anything under 150 mm is 0m1). */
  static TelescopeClass ofAperture(double apertureMm) {
    return new TelescopeClass((int) Math.max(1, Math.round(apertureMm / 100.0)));
  }

  /** {@code 0m4}, as in a request's {@code location.telescope_class}. */
  static Optional<TelescopeClass> parseCode(String text) {
    return of(CODE.matcher(text.trim()));
  }

  /** The class an instrument type starts with ({@code 1M0-SCICAM-SINISTRO}: 1m0), if it starts with one. */
  static Optional<TelescopeClass> ofInstrumentType(String text) {
    return of(INSTRUMENT.matcher(text.trim()));
  }

  private static Optional<TelescopeClass> of(Matcher m) {
    if (!m.matches()) {
      return Optional.empty();
    }
    int tenths = Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2));
    return tenths < 1 ? Optional.empty() : Optional.of(new TelescopeClass(tenths));
  }

  String code() {
    return (tenths / 10) + "m" + (tenths % 10);
  }

  /** This class's instrument type in {@code GET /api/instruments/}: {@code 0M4-IMAGER}. */
  String instrumentType() {
    return code().toUpperCase(Locale.ROOT) + INSTRUMENT_SUFFIX;
  }

  @Override
  public int compareTo(TelescopeClass o) {
    return Integer.compare(tenths, o.tenths);
  }

  /** The smallest aperture of this class (the lower rounding edge); null for 0m1, which takes every telescope. */
  Double minApertureMm() {
    return tenths <= 1 ? null : tenths * 100.0 - 50.0;
  }
}
