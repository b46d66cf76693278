package org.openastro.scheduler.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.openastro.api.http.ApiException;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.scheduler.astro.VisibilityCalculator;

/**
 * Parses and validates {@code POST /api/v1/missions}. Every refusal names the field; unknown
 * fields are refused too (a misspelt optional constraint must not be silently dropped).
 */
final class MissionRequest {
  static final Set<String> FIELDS = Set.of("mission_id", "target_ra", "target_dec", "science_case",
      "total_exposure_required_s", "priority", "time_constraint_start", "time_constraint_end", "alert_source_id",
      "min_altitude_deg", "night_only", "required_filters", "min_aperture_mm", "min_fov_deg");
  /** One year of exposure: more is a typo, not a mission. */
  static final double MAX_EXPOSURE_S = 365 * 86400.0;

  private final JsonObject json;

  private MissionRequest(JsonObject json) {
    this.json = json;
  }

  static Mission parse(JsonObject json, String owner, Instant now) {
    for (String name : json.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw ApiException.unknown(name);
      }
    }
    MissionRequest r = new MissionRequest(json);
    UUID id = r.optionalUuid("mission_id");
    double ra = r.number("target_ra", true);
    if (!(ra >= 0 && ra < 360)) {
      throw ApiException.invalid("target_ra", "target_ra must be at least 0 and below 360 degrees");
    }
    double dec = r.range("target_dec", r.number("target_dec", true), -90, 90);
    ScienceCase scienceCase = r.scienceCase();
    double exposure = r.number("total_exposure_required_s", true);
    if (!(exposure > 0) || exposure > MAX_EXPOSURE_S) {
      throw ApiException.invalid("total_exposure_required_s",
          "total_exposure_required_s must be greater than 0 and at most " + (long) MAX_EXPOSURE_S);
    }
    int priority = r.priority();
    Instant start = r.optionalInstant("time_constraint_start");
    Instant end = r.optionalInstant("time_constraint_end");
    if (start != null && end != null && !end.isAfter(start)) {
      throw ApiException.invalid("time_constraint_end", "time_constraint_end must be after time_constraint_start");
    }
    String alert = r.optionalText("alert_source_id", 64);
    Double minAltitude = r.optionalNumber("min_altitude_deg");
    double minAlt = minAltitude == null ? VisibilityCalculator.DEFAULT_MIN_ALTITUDE_DEG
        : r.range("min_altitude_deg", minAltitude, 0, 90);
    Object night = json.getValue("night_only");
    if (night != null && !(night instanceof Boolean)) {
      throw ApiException.invalid("night_only", "night_only must be true or false");
    }
    Set<String> filters = r.filters();
    Double aperture = r.optionalPositive("min_aperture_mm");
    Double fov = r.optionalPositive("min_fov_deg");
    return new Mission(id == null ? UUID.randomUUID() : id, ra, dec, scienceCase, exposure, 0, priority, start, end,
        MissionStatus.PENDING, alert, minAlt, night == null || (Boolean) night, filters, aperture, fov, owner, now);
  }

  private double number(String name, boolean required) {
    Object v = json.getValue(name);
    if (v == null) {
      throw ApiException.missing(name);
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw ApiException.invalid(name, name + " must be a number");
    }
    return n.doubleValue();
  }

  private Double optionalNumber(String name) {
    return json.getValue(name) == null ? null : number(name, false);
  }

  private Double optionalPositive(String name) {
    Double v = optionalNumber(name);
    if (v != null && !(v > 0)) {
      throw ApiException.invalid(name, name + " must be greater than 0");
    }
    return v;
  }

  private double range(String name, double v, double min, double max) {
    if (v < min || v > max) {
      throw ApiException.invalid(name, name + " must be between " + (long) min + " and " + (long) max);
    }
    return v;
  }

  private int priority() {
    Object v = json.getValue("priority");
    if (v == null) {
      throw ApiException.missing("priority");
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < 1 || n.doubleValue() > 100) {
      throw ApiException.invalid("priority", "priority must be a whole number between 1 and 100");
    }
    return n.intValue();
  }

  private ScienceCase scienceCase() {
    Object v = json.getValue("science_case");
    if (v == null) {
      throw ApiException.missing("science_case");
    }
    if (v instanceof String s) {
      for (ScienceCase c : ScienceCase.values()) {
        if (c.name().equals(s.toUpperCase(Locale.ROOT))) {
          return c;
        }
      }
    }
    throw ApiException.invalid("science_case", "science_case must be one of " + java.util.Arrays.toString(ScienceCase.values()));
  }

  private UUID optionalUuid(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      try {
        UUID id = UUID.fromString(s);
        if (id.toString().equals(s.toLowerCase(Locale.ROOT))) {
          return id;
        }
      } catch (IllegalArgumentException ignored) {
        // refused below
      }
    }
    throw ApiException.invalid(name, name + " must be a UUID string");
  }

  private Instant optionalInstant(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException ignored) {
        // refused below
      }
    }
    throw ApiException.invalid(name, name + " must be an ISO-8601 UTC time like 2026-03-20T21:00:00Z");
  }

  private String optionalText(String name, int max) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > max) {
      throw ApiException.invalid(name, name + " must be a non-empty string of at most " + max + " characters");
    }
    return s;
  }

  private Set<String> filters() {
    Object v = json.getValue("required_filters");
    if (v == null) {
      return Set.of();
    }
    if (!(v instanceof JsonArray a) || a.size() > 32) {
      throw ApiException.invalid("required_filters", "required_filters must be an array of at most 32 strings");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object item : a) {
      if (!(item instanceof String s) || s.isBlank() || s.length() > 32) {
        throw ApiException.invalid("required_filters", "required_filters entries must be strings of 1 to 32 characters");
      }
      out.add(s);
    }
    return out;
  }
}
