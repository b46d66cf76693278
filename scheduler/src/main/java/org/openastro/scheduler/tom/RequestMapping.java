package org.openastro.scheduler.tom;

import static org.openastro.scheduler.tom.LcoReader.at;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionConstraints;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;

/**
 * One LCO request as one mission (pure). What it observes:
 * <ul>
 *   <li>exactly one window: the mission's time constraint (several are refused: a mission has one
 *       window; submit one request per window with operator MANY);
 *   <li>configurations of type EXPOSE, all on one ICRS target (RA/Dec J2000): the mission's target;
 *   <li>exposure: the sum over configurations and instrument configs of exposure_time ×
 *       exposure_count, times configuration_repeats; when every instrument config has the same
 *       exposure_time, that is the mission's frame length ({@code exposure_time_s}), so the
 *       mission is observed and counted in whole frames;
 *   <li>{@code optical_elements.filter}: the mission's required filters (all of them, exactly as
 *       named by {@code GET /api/instruments/});
 *   <li>constraints: max_airmass (1 to 25, default 1.6 as at the portal), min_lunar_distance →
 *       min_moon_separation_deg (0 to 180, default 30), max_lunar_phase → max_moon_illumination
 *       (0 to 1, default off); across configurations the strictest of each holds;
 *   <li>the telescope class of {@code location.telescope_class} or of an instrument type
 *       ({@code 0M4-IMAGER}, {@code 1M0-...}): the mission's minimum aperture.
 * </ul>
 * Missions are night-only with a minimum altitude of 0°: the airmass limit decides the altitude, as
 * at the portal (a node's horizon mask still applies). Science case TRANSIENT_FOLLOWUP (the portal
 * has none). Fields that change nothing observed here (proper motion, parallax, guiding and
 * acquisition, readout modes, extra_params, optimization_type, acceptability_threshold) are taken
 * and ignored; what would change the observation and cannot be honoured is refused, saying so.
 */
final class RequestMapping {
  static final int MAX_CONFIGURATIONS = 20;
  static final int MAX_INSTRUMENT_CONFIGS = 50;
  static final int MAX_REPEATS = 1000;
  static final int MAX_EXPOSURE_COUNT = 100_000;
  static final double MAX_FRAME_S = 86_400;
  static final double MAX_TOTAL_S = 31_536_000;
  static final double DEFAULT_MAX_AIRMASS = 1.6;
  static final double DEFAULT_MIN_LUNAR_DISTANCE = 30;
  static final double MIN_ALTITUDE_DEG = 0;
  static final ScienceCase SCIENCE_CASE = ScienceCase.TRANSIENT_FOLLOWUP;

  private RequestMapping() {}

  /**
   * A request's mission and its durations (exposure seconds: the requested exposure, without the
   * portal's overheads, which depend on hardware OpenAstro does not know).
   *
   * @param configurations per configuration, the exposure seconds of each instrument config
   */
  record Mapped(Mission mission, double durationS, List<List<Double>> configurations) {}

  /** Maps {@code request} (at {@code path}); null with the problems in {@code r}'s errors. */
  static Mapped map(Map<?, ?> request, List<Object> path, RequestGroupMapping.Group group, UUID missionId, String owner,
      Instant now, LcoReader r) {
    if (request.get("cadence") != null) {
      r.error(at(path, "cadence"), "Cadence requests are not served: expand the cadence into requests of one window"
          + " each and submit those (operator MANY).");
    }
    Instant[] window = window(request, path, now, r);
    Double minAperture = location(request, path, r);
    Integer repeats = r.integer(request, path, "configuration_repeats", false, 1, MAX_REPEATS);
    List<Map<?, ?>> configurations = r.objects(request, path, "configurations", true, 1, MAX_CONFIGURATIONS);
    Target target = null;
    Constraints constraints = Constraints.NONE;
    Set<String> filters = new LinkedHashSet<>();
    Set<Double> frameLengths = new LinkedHashSet<>();
    List<List<Double>> durations = new ArrayList<>();
    double total = 0;
    if (configurations != null) {
      for (int j = 0; j < configurations.size(); j++) {
        Map<?, ?> c = configurations.get(j);
        List<Object> at = at(path, "configurations", j);
        type(c, at, r);
        minAperture = max(minAperture, instrumentClass(c, at, r));
        Target t = target(c, at, r);
        if (t != null && target != null && !t.samePosition(target)) {
          r.error(at(at, "target"), "Every configuration of a request must point at the same target: a request is one"
              + " mission, which observes one position; submit one request per target (operator MANY).");
        }
        target = target == null ? t : target;
        constraints = constraints.stricter(constraints(c, at, r));
        List<Double> exposures = new ArrayList<>();
        List<Map<?, ?>> ics = r.objects(c, at, "instrument_configs", true, 1, MAX_INSTRUMENT_CONFIGS);
        if (ics != null) {
          for (int k = 0; k < ics.size(); k++) {
            List<Object> icAt = at(at, "instrument_configs", k);
            Double time = r.number(ics.get(k), icAt, "exposure_time", true, 0, MAX_FRAME_S);
            Integer count = r.integer(ics.get(k), icAt, "exposure_count", true, 1, MAX_EXPOSURE_COUNT);
            if (time != null && time <= 0) {
              r.error(at(icAt, "exposure_time"), "Ensure this value is greater than 0: a mission collects light.");
              time = null;
            }
            filter(ics.get(k), icAt, r, filters);
            if (time != null && count != null) {
              frameLengths.add(time);
              exposures.add(time * count);
              total += time * count;
            }
          }
        }
        durations.add(exposures);
      }
    }
    int times = repeats == null ? 1 : repeats;
    total *= times;
    if (total > MAX_TOTAL_S) {
      r.error(path, "The request adds up to " + LcoReader.plain(total) + " s of exposure, more than a mission's "
          + LcoReader.plain(MAX_TOTAL_S) + " s (a year).");
    }
    if (!r.errors().isEmpty() || target == null || window == null) {
      return null; // a group with any error creates nothing, so no mission is built
    }
    Double frame = frameLengths.size() == 1 ? frameLengths.iterator().next() : null;
    Mission mission = new Mission(missionId, target.ra(), target.dec(), SCIENCE_CASE, total, 0,
        group.priority(), window[0], window[1], MissionStatus.PENDING, null, MIN_ALTITUDE_DEG, true, filters,
        minAperture, null, owner, now)
        .withConstraints(constraints.forMission())
        .withObservationType(group.observationType())
        .withExposureTimeS(frame);
    return new Mapped(mission, total, durations.stream().map(List::copyOf).toList());
  }

  /** The one window: start and end (the end after the start, and not passed). */
  private static Instant[] window(Map<?, ?> request, List<Object> path, Instant now, LcoReader r) {
    List<Map<?, ?>> windows = r.objects(request, path, "windows", true, 1, Integer.MAX_VALUE);
    if (windows == null) {
      return null;
    }
    if (windows.size() > 1) {
      r.error(at(path, "windows"), "Only one window per request is served: a request is one mission, which has one"
          + " time window; submit one request per window (operator MANY).");
      return null;
    }
    List<Object> at = at(path, "windows", 0);
    Instant start = time(windows.get(0), at, "start", r);
    Instant end = time(windows.get(0), at, "end", r);
    if (start == null || end == null) {
      return null;
    }
    if (!end.isAfter(start)) {
      r.error(at(at, "end"), "The window end must be after its start.");
      return null;
    }
    if (!end.isAfter(now)) {
      r.error(at(at, "end"), "The window ended at " + end + ", before now: nothing could be observed in it.");
      return null;
    }
    return new Instant[] {start, end};
  }

  private static Instant time(Map<?, ?> window, List<Object> path, String key, LcoReader r) {
    String text = r.string(window, path, key, true, 64);
    if (text == null) {
      return null;
    }
    try {
      return LcoTimes.parse(text);
    } catch (IllegalArgumentException e) {
      r.error(at(path, key), e.getMessage());
      return null;
    }
  }

  /** {@code location.telescope_class} as a minimum aperture; a site, enclosure or telescope cannot be pinned. */
  private static Double location(Map<?, ?> request, List<Object> path, LcoReader r) {
    Map<?, ?> location = r.object(request, path, "location", false);
    if (location == null) {
      return null;
    }
    List<Object> at = at(path, "location");
    for (String pin : List.of("site", "enclosure", "telescope")) {
      if (location.get(pin) != null && !(location.get(pin) instanceof String s && s.isBlank())) {
        r.error(at(at, pin), "Pinning a request to a site, enclosure or telescope is not served: the scheduler picks"
            + " the telescope; give a telescope_class instead.");
      }
    }
    String code = r.string(location, at, "telescope_class", false, 16);
    if (code == null) {
      return null;
    }
    return TelescopeClass.parseCode(code).map(TelescopeClass::minApertureMm).orElseGet(() -> {
      r.error(at(at, "telescope_class"), "\"" + code + "\" is not a telescope class (such as 0m4 or 1m0; see"
          + " GET /api/instruments/).");
      return null;
    });
  }

  private static void type(Map<?, ?> configuration, List<Object> path, LcoReader r) {
    String type = r.string(configuration, path, "type", true, 64);
    if (type != null && !"EXPOSE".equals(type)) {
      r.error(at(path, "type"), "\"" + type + "\" is not served: only EXPOSE configurations (imaging exposures) are;"
          + " OpenAstro's telescopes take images, one after another.");
    }
  }

  private static Double instrumentClass(Map<?, ?> configuration, List<Object> path, LcoReader r) {
    String type = r.string(configuration, path, "instrument_type", false, 64);
    if (type == null) {
      return null;
    }
    return TelescopeClass.ofInstrumentType(type).map(TelescopeClass::minApertureMm).orElseGet(() -> {
      r.error(at(path, "instrument_type"), "\"" + type + "\" is not an instrument type of this network: types name their"
          + " telescope class, such as 0M4-IMAGER (see GET /api/instruments/).");
      return null;
    });
  }

  /** A target fixed on the sky. */
  record Target(double ra, double dec) {
    boolean samePosition(Target other) {
      return Math.abs(ra - other.ra) < 1e-9 && Math.abs(dec - other.dec) < 1e-9;
    }
  }

  private static Target target(Map<?, ?> configuration, List<Object> path, LcoReader r) {
    Map<?, ?> target = r.object(configuration, path, "target", true);
    if (target == null) {
      return null;
    }
    List<Object> at = at(path, "target");
    r.string(target, at, "name", false, RequestGroupMapping.MAX_TEXT);
    String type = r.string(target, at, "type", true, 64);
    boolean fixed = type == null || "ICRS".equals(type) || "SIDEREAL".equals(type);
    if (!fixed) {
      r.error(at(at, "type"), "\"" + type + "\" is not served: only ICRS targets (a fixed RA/Dec) are; orbital"
          + " elements, hour angle, alt-az and satellite targets are not.");
    }
    Double ra = r.number(target, at, "ra", true, 0, 360);
    Double dec = r.number(target, at, "dec", true, -90, 90);
    Double epoch = r.number(target, at, "epoch", false, -1e9, 1e9);
    if (epoch != null && epoch != 2000) {
      r.error(at(at, "epoch"), "Only epoch 2000 is served: coordinates are J2000.");
    }
    return ra == null || dec == null || !fixed ? null : new Target(ra == 360 ? 0 : ra, dec);
  }

  /** The observing constraints of one configuration, the portal's defaults for those absent. */
  record Constraints(Double maxAirmass, Double minMoonSeparationDeg, Double maxMoonIllumination) {
    static final Constraints NONE = new Constraints(null, null, null);

    /** Each limit as the stricter of the two. */
    Constraints stricter(Constraints o) {
      return new Constraints(min(maxAirmass, o.maxAirmass), max(minMoonSeparationDeg, o.minMoonSeparationDeg),
          min(maxMoonIllumination, o.maxMoonIllumination));
    }

    MissionConstraints forMission() {
      return new MissionConstraints(maxAirmass, minMoonSeparationDeg, maxMoonIllumination, null, null);
    }
  }

  private static Constraints constraints(Map<?, ?> configuration, List<Object> path, LcoReader r) {
    Map<?, ?> c = r.object(configuration, path, "constraints", false);
    if (c == null) {
      return new Constraints(DEFAULT_MAX_AIRMASS, DEFAULT_MIN_LUNAR_DISTANCE, null);
    }
    List<Object> at = at(path, "constraints");
    Double airmass = r.number(c, at, "max_airmass", false, 1, 25);
    Double lunarDistance = r.number(c, at, "min_lunar_distance", false, 0, 180);
    Double lunarPhase = r.number(c, at, "max_lunar_phase", false, 0, 1);
    for (String unmonitored : List.of("max_seeing", "min_transparency")) {
      if (c.get(unmonitored) != null) {
        r.error(at(at, unmonitored), "Not served: the network has no seeing or transparency monitor to honour it.");
      }
    }
    return new Constraints(airmass == null ? DEFAULT_MAX_AIRMASS : airmass,
        lunarDistance == null ? DEFAULT_MIN_LUNAR_DISTANCE : lunarDistance, lunarPhase);
  }

  /** The filter of an instrument config (none: any); other optical elements cannot be honoured. */
  private static void filter(Map<?, ?> ic, List<Object> path, LcoReader r, Set<String> filters) {
    Map<?, ?> elements = r.object(ic, path, "optical_elements", false);
    if (elements == null) {
      return;
    }
    List<Object> at = at(path, "optical_elements");
    for (Map.Entry<?, ?> e : elements.entrySet()) {
      Object v = e.getValue();
      if ("filter".equals(e.getKey()) || v == null || (v instanceof String s && s.isBlank())) {
        continue;
      }
      r.error(at(at, String.valueOf(e.getKey())), "Not served: of the optical elements only a filter can be asked"
          + " for (OpenAstro's telescopes are imagers).");
    }
    String filter = r.string(elements, at, "filter", false, 32);
    if (filter != null) {
      filters.add(filter);
    }
  }

  private static Double min(Double a, Double b) {
    return a == null ? b : b == null ? a : Double.valueOf(Math.min(a, b));
  }

  private static Double max(Double a, Double b) {
    return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
  }
}
