package org.openastro.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import org.openastro.cql.mission.Mission;
import org.openastro.scheduler.astro.ApparentTarget;
import org.openastro.scheduler.astro.GeocentricSky;

/**
 * Where on Earth a mission's target can possibly have a usable window, for the assigner's
 * prefilter ({@link FreeNodeIndex}): a conservative bound over boxes of latitude × longitude.
 *
 * <p>A node gets a task only for a window that starts in [now, latest start] (the lookahead), so at
 * that start (a moment t in that span) the sky's {@link SkyLimits} hold at the node: the target is at
 * least at the mission's altitude, and for a night-only mission the Sun at most at its limit. A box
 * is dropped only when one of these fails at every site of the box at every t of the span:
 * <ul>
 *   <li>the target's highest altitude over the box and span is below the minimum. sin h = sin φ sin δ
 *       + cos φ cos δ cos H, and cos φ cos δ ≥ 0, so for every latitude φ the highest point is at the
 *       hour angle H nearest the meridian that the box's longitudes reach during the span (one
 *       interval of H: local sidereal time is the Greenwich one plus the east longitude); over φ
 *       it is A sin φ + B cos φ = R cos(φ − ψ), highest at ψ if the box holds it, else at an edge.
 *       This is the exact maximum over the box, so latitude against declination (a target that
 *       never rises high enough there) and hour angle (not up during the span) are both in it;
 *   <li>for a night-only mission, the Sun's lowest altitude over the box and span is above the
 *       limit: the same with the hour angle nearest the lower culmination.
 * </ul>
 * Both must hold at the same moment, so the span is cut into {@link #PIECES} pieces (7.5 minutes of
 * the default lookahead) and a box is kept when both hold somewhere in the same piece: a site where
 * the target sets before night falls is dropped too. The minimum useful window only makes the
 * exact check stricter, so it is left out.
 *
 * <p>Margins cover what the bound computes differently from the windows: the target's apparent
 * place is taken once, at the start of the span (the windows take it at each local midnight: it
 * moves by under 0.5" a day), the Sun's once too (it moves by at most 1.02° a day, counted into the
 * margin over the span), the Sun is geocentric here (8.8" of parallax), twilight edges are iterated
 * (where they do not converge, at grazing crossings, the Sun's declination moves by under 0.2°
 * between iterates) and window edges are rounded to the millisecond. Each margin is several times
 * the worst of these, and costs only a few minutes of hour angle at the edge of the kept region.
 * (SiteBoundPropertyTest fails with either margin at −0.1°, and passes with both at zero.)
 * Altitudes are compared as sines, and anything undefined (NaN) keeps the box.
 */
final class SiteBound {
  /** Degrees of target altitude given away for the differences listed in the class comment. */
  static final double TARGET_MARGIN_DEG = 0.5;
  /** Degrees of Sun altitude given away, before the Sun's own motion over the span. */
  static final double SUN_MARGIN_DEG = 1.0;
  /** The Sun moves along the ecliptic by at most 1.02° a day; an altitude changes by at most that. */
  static final double SUN_DEG_PER_DAY = 1.1;
  /** The span is widened by this on both sides: window edges are rounded to the millisecond. */
  static final Duration EDGE_SLACK = Duration.ofSeconds(1);
  /**
   * The span is cut into this many pieces, in which the target and the Sun conditions must meet:
   * more pieces drop more sites whose target sets around nightfall, each costs one more check.
   */
  static final int PIECES = 4;

  /** Keeps every box: the sky promises nothing, or the bound cannot be formed. */
  static final SiteBound EVERYWHERE = new SiteBound(false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  /** Keeps no box: the mission's time constraint leaves nothing within the lookahead. */
  static final SiteBound NOWHERE = new SiteBound(false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private final boolean targetOn;
  private final boolean sunOn;
  /** Greenwich apparent sidereal time at the start of the span, degrees. */
  private final double gastDeg;
  /** How far the sidereal time turns over one piece of the span, degrees. */
  private final double pieceTurnDeg;
  private final double targetRaDeg;
  private final double sinDec;
  private final double cosDec;
  private final double sinTargetFloor;
  private final double sunRaDeg;
  private final double sinSunDec;
  private final double cosSunDec;
  private final double sinSunCeiling;

  private SiteBound(boolean targetOn, boolean sunOn, double gastDeg, double pieceTurnDeg, double targetRaDeg,
      double sinDec, double cosDec, double sinTargetFloor, double sunRaDeg, double sinSunDec, double cosSunDec,
      double sinSunCeiling) {
    this.targetOn = targetOn;
    this.sunOn = sunOn;
    this.gastDeg = gastDeg;
    this.pieceTurnDeg = pieceTurnDeg;
    this.targetRaDeg = targetRaDeg;
    this.sinDec = sinDec;
    this.cosDec = cosDec;
    this.sinTargetFloor = sinTargetFloor;
    this.sunRaDeg = sunRaDeg;
    this.sinSunDec = sinSunDec;
    this.cosSunDec = cosSunDec;
    this.sinSunCeiling = sinSunCeiling;
  }

  /** The bound for {@code mission}'s target under {@code limits}, for windows starting in [now, latestStart]. */
  static SiteBound of(Mission mission, SkyLimits limits, Instant now, Instant latestStart) {
    Instant from = limits.notBefore() != null && limits.notBefore().isAfter(now) ? limits.notBefore() : now;
    Instant to = limits.notAfter() != null && limits.notAfter().isBefore(latestStart) ? limits.notAfter() : latestStart;
    if (to.isBefore(from)) {
      return NOWHERE;
    }
    double targetFloorDeg = limits.minTargetAltitudeDeg() - TARGET_MARGIN_DEG;
    from = from.minus(EDGE_SLACK);
    to = to.plus(EDGE_SLACK);
    double spanS = Duration.between(from, to).toMillis() / 1000.0;
    double sunCeilingDeg = limits.sunMaxAltitudeDeg() + SUN_MARGIN_DEG + SUN_DEG_PER_DAY * spanS / 86_400.0;
    boolean targetOn = targetFloorDeg > -90;
    boolean sunOn = limits.night() && sunCeilingDeg < 90;
    if (!targetOn && !sunOn) {
      return EVERYWHERE;
    }
    ApparentTarget target;
    try {
      target = ApparentTarget.at(Candidates.targetOf(mission), from);
    } catch (IllegalArgumentException e) {
      return EVERYWHERE; // a target the model refuses: the exact check decides (and refuses it too)
    }
    GeocentricSky sky = GeocentricSky.at(from);
    double dec = Math.toRadians(target.decDeg());
    double sunDec = Math.toRadians(sky.sunDecDeg());
    return new SiteBound(targetOn, sunOn, sky.greenwichSiderealDeg(),
        GeocentricSky.SIDEREAL_DEG_PER_SECOND * spanS / PIECES, target.raDeg(), Math.sin(dec), Math.cos(dec),
        Math.sin(Math.toRadians(targetFloorDeg)), sky.sunRaDeg(), Math.sin(sunDec), Math.cos(sunDec),
        Math.sin(Math.toRadians(Math.min(90, sunCeilingDeg))));
  }

  boolean keepsNothing() {
    return this == NOWHERE;
  }

  boolean keepsEverything() {
    return !targetOn && !sunOn && this != NOWHERE;
  }

  /**
   * The bound at one site: the box shrunk to a point, as tight as the bound gets. A few
   * trigonometric calls, against a window computation's thousands: the walk checks every node of
   * a kept cell with it, so that a cell's edge costs no window computations either.
   */
  boolean keepsSite(double latDeg, double lonDeg) {
    if (keepsEverything()) {
      return true;
    }
    if (keepsNothing()) {
      return false;
    }
    double lon = lonDeg > 180 ? lonDeg - 360 : lonDeg;
    return column(lon, lon).mayQualify(LatitudeBand.of(latDeg, latDeg));
  }

  /** The part of the bound for longitudes [lonMinDeg, lonMaxDeg] (east), any latitude. */
  Column column(double lonMinDeg, double lonMaxDeg) {
    double widthDeg = pieceTurnDeg + (lonMaxDeg - lonMinDeg);
    Column c = new Column();
    for (int i = 0; i < PIECES; i++) {
      double lstMinDeg = gastDeg + i * pieceTurnDeg + lonMinDeg;
      if (targetOn) {
        // cos of the hour angle nearest the meridian: the target's highest point at any latitude.
        double cosH = Math.cos(Math.toRadians(nearestTurnDeg(lstMinDeg - targetRaDeg, widthDeg)));
        c.target[i] = Peak.of(sinDec, cosDec * cosH);
      }
      if (sunOn) {
        // cos of the hour angle nearest the lower culmination (180°): the Sun's lowest point.
        double cosH = -Math.cos(Math.toRadians(nearestTurnDeg(lstMinDeg - sunRaDeg - 180, widthDeg)));
        c.sunNegated[i] = Peak.of(-sinSunDec, -cosSunDec * cosH);
      }
    }
    return c;
  }

  /** The bound over one column of longitudes; {@link #mayQualify} per band of latitudes. */
  final class Column {
    /** Per piece of the span; null entries when the target has no altitude limit. */
    private final Peak[] target = new Peak[PIECES];
    /** Per piece, the highest of minus the Sun's sine altitude, i.e. minus its lowest; nulls by day. */
    private final Peak[] sunNegated = new Peak[PIECES];

    /** False only when no site of the band in this column can have a usable window (see class comment). */
    boolean mayQualify(LatitudeBand band) {
      for (int i = 0; i < PIECES; i++) {
        boolean up = target[i] == null || !(target[i].maxOver(band) < sinTargetFloor);
        if (up && (sunNegated[i] == null || !(-sunNegated[i].maxOver(band) > sinSunCeiling))) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * f(φ) = a sin φ + b cos φ = r cos(φ − ψ) over a band of latitudes: r where the band holds ψ;
   * elsewhere the higher edge (cos(φ − ψ) has no other maximum on a band narrower than 180°).
   */
  record Peak(double a, double b, double psiDeg, double r) {
    static Peak of(double a, double b) {
      return new Peak(a, b, Math.toDegrees(Math.atan2(a, b)), Math.sqrt(a * a + b * b));
    }

    double maxOver(LatitudeBand band) {
      if (psiDeg >= band.minDeg() && psiDeg <= band.maxDeg()) {
        return r;
      }
      return Math.max(a * band.sinMin() + b * band.cosMin(), a * band.sinMax() + b * band.cosMax());
    }
  }

  /**
   * The least distance, in degrees, from a multiple of 360° to an angle in [fromDeg, fromDeg +
   * widthDeg]: 0 when the interval holds one (or is a whole turn or more).
   */
  static double nearestTurnDeg(double fromDeg, double widthDeg) {
    if (!(widthDeg < 360)) {
      return 0;
    }
    double a = fromDeg - 360 * Math.floor((fromDeg + 180) / 360); // [-180, 180)
    double b = a + widthDeg;
    if ((a <= 0 && b >= 0) || b >= 360) {
      return 0;
    }
    return a > 0 ? Math.min(a, 360 - b) : -b;
  }
}
