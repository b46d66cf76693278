package org.openastro.scheduler.http;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.UUID;
import org.openastro.api.http.ApiException;
import org.openastro.api.json.JsonErrors;
import org.openastro.api.json.StrictJson;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionConstraints;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.ScienceCase;
import org.openastro.scheduler.astro.VisibilityCalculator;
import org.openastro.scheduler.mission.Frames;

/**
 * Maps {@code POST /api/v1/missions} to a new {@link Mission}. The body was checked against the
 * OpenAPI document's {@code MissionRequest} schema before the route ran (required fields, ranges,
 * the science case, lengths, no unknown fields); what is left here is the rule between fields
 * that a schema cannot say.
 */
final class MissionRequest {
  private MissionRequest() {}

  static Mission parse(JsonObject json, String owner, Instant now) {
    StrictJson r = StrictJson.of(json, JsonErrors.HTTP);
    UUID id = r.uuid("mission_id", false);
    Instant start = r.instant("time_constraint_start", false);
    Instant end = r.instant("time_constraint_end", false);
    if (start != null && end != null && !end.isAfter(start)) {
      throw ApiException.invalid("time_constraint_end", "time_constraint_end must be after time_constraint_start");
    }
    Double minAltitude = r.optionalNumber("min_altitude_deg");
    return new Mission(id == null ? UUID.randomUUID() : id, r.number("target_ra"), r.number("target_dec"),
        r.enumValue("science_case", ScienceCase.class), r.number("total_exposure_required_s"), 0,
        r.integer("priority"), start, end, MissionStatus.PENDING, r.string("alert_source_id", false),
        minAltitude == null ? VisibilityCalculator.DEFAULT_MIN_ALTITUDE_DEG : minAltitude,
        r.bool("night_only", true), new LinkedHashSet<>(r.strings("required_filters")),
        r.optionalNumber("min_aperture_mm"), r.optionalNumber("min_fov_deg"), owner, now)
        .withConstraints(constraints(r))
        .withObservationType(r.enumValue("observation_type", EnumSet.allOf(ObservationType.class), false))
        .withExposureTimeS(frameLength(r));
  }

  /** A frame length must divide the total: the mission is that many whole frames. */
  private static Double frameLength(StrictJson r) {
    Double frameS = r.optionalNumber("exposure_time_s");
    if (frameS == null) {
      return null;
    }
    double total = r.number("total_exposure_required_s");
    if (frameS > total || !Frames.of(frameS).isWhole(total)) {
      throw ApiException.invalid("exposure_time_s", "total_exposure_required_s (" + total
          + ") must be a whole number of frames of exposure_time_s (" + frameS + ")");
    }
    return frameS;
  }

  /** Issue 13's constraints; ranges are the schema's, the rule between fields is here. */
  private static MissionConstraints constraints(StrictJson r) {
    Double sunMax = r.optionalNumber("sun_max_altitude_deg");
    if (sunMax != null && !r.bool("night_only", true)) {
      throw ApiException.invalid("sun_max_altitude_deg",
          "sun_max_altitude_deg applies only to night_only missions; drop it or set night_only true");
    }
    return new MissionConstraints(r.optionalNumber("max_airmass"), r.optionalNumber("min_moon_separation_deg"),
        r.optionalNumber("max_moon_illumination"), sunMax, r.optionalNumber("max_hour_angle_h"));
  }
}
