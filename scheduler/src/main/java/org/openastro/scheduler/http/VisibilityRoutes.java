package org.openastro.scheduler.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.Responses;
import org.openastro.scheduler.astro.ObservingConstraints;
import org.openastro.scheduler.astro.Site;
import org.openastro.scheduler.astro.Target;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.astro.VisibilityCalculator;

/**
 * {@code GET /api/v1/visibility?lat=&lon=&elev=&ra=&dec=&minAlt=&from=&to=&night=}: the windows
 * of a target from a site, for planners. lat, lon, ra and dec are required; elev defaults to 0,
 * minAlt to 30, from to now, to to from + 24 h, night to true. Issue 13's constraints, each off
 * when absent: maxAirmass, minMoonSep, maxMoonIllum, maxHa (hours), sunMaxAlt (with night; default
 * the scheduler's setting, -12). Edges are rounded to the second.
 * Computed on the event loop: one site and target over at most {@link #MAX_SPAN} is microseconds.
 */
public final class VisibilityRoutes implements ApiRoutes {
  static final Duration MAX_SPAN = Duration.ofDays(31);
  private final double sunMaxAltitudeDeg;

  public VisibilityRoutes(double sunMaxAltitudeDeg) {
    this.sunMaxAltitudeDeg = sunMaxAltitudeDeg;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/visibility").handler(this::windows);
  }

  private void windows(RoutingContext ctx) {
    try {
      double lat = number(ctx, "lat", -90, 90, null);
      double lon = number(ctx, "lon", -180, 360, null);
      double elev = number(ctx, "elev", -500, 10000, 0.0);
      double ra = number(ctx, "ra", 0, 360, null);
      if (ra == 360) {
        throw ApiException.invalid("ra", "ra must be at least 0 and below 360");
      }
      double dec = number(ctx, "dec", -90, 90, null);
      double minAlt = number(ctx, "minAlt", -90, 90, VisibilityCalculator.DEFAULT_MIN_ALTITUDE_DEG);
      Instant from = instant(ctx, "from", Instant.now());
      Instant to = instant(ctx, "to", from.plus(Duration.ofDays(1)));
      if (!to.isAfter(from)) {
        throw ApiException.invalid("to", "to must be after from");
      }
      if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
        throw ApiException.invalid("to", "to must be at most 31 days after from");
      }
      boolean night = bool(ctx, "night", true);
      List<TimeWindow> windows = VisibilityCalculator.windows(new Site(lat, lon, elev), new Target(ra, dec),
          from, to, constraints(ctx, minAlt, night));
      JsonArray out = new JsonArray();
      for (TimeWindow w : windows) {
        out.add(new JsonObject().put("start", second(w.start()).toString()).put("end", second(w.end()).toString()));
      }
      Responses.json(ctx, 200, new JsonObject().put("windows", out));
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  /** Issue 13's parameters; each absent one is off (sunMaxAlt: the scheduler's setting). */
  private ObservingConstraints constraints(RoutingContext ctx, double minAlt, boolean night) {
    ObservingConstraints c = ObservingConstraints.DEFAULTS.withMinAltitudeDeg(minAlt)
        .withSunMaxAltitudeDeg(number(ctx, "sunMaxAlt", -90, 90, sunMaxAltitudeDeg))
        .withMaxAirmass(number(ctx, "maxAirmass", 1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY))
        .withMinMoonSeparationDeg(number(ctx, "minMoonSep", 0, 180, 0.0))
        .withMaxMoonIllumination(number(ctx, "maxMoonIllum", 0, 1, 1.0))
        .withMaxHourAngleHours(number(ctx, "maxHa", 0, 12, 12.0));
    return night ? c : c.anyTimeOfDay();
  }

  private static Instant second(Instant t) {
    return Instant.ofEpochSecond(Math.round(t.toEpochMilli() / 1000.0));
  }

  private static double number(RoutingContext ctx, String name, double min, double max, Double fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null || text.isBlank()) {
      if (fallback == null) {
        throw ApiException.missing(name);
      }
      return fallback;
    }
    double v;
    try {
      v = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, name + " must be a number, not '" + text + "'");
    }
    if (!(v >= min && v <= max)) {
      throw ApiException.invalid(name, name + (max == Double.POSITIVE_INFINITY ? " must be at least " + fmt(min)
          : " must be between " + fmt(min) + " and " + fmt(max)));
    }
    return v;
  }

  private static Instant instant(RoutingContext ctx, String name, Instant fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(name, name + " must be an ISO-8601 UTC time like 2026-03-20T21:00:00Z");
    }
  }

  private static boolean bool(RoutingContext ctx, String name, boolean fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    return switch (text.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.invalid(name, name + " must be true or false");
    };
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
