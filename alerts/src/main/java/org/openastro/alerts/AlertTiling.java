package org.openastro.alerts;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.openastro.alerts.tiling.RegionTiler;
import org.openastro.alerts.tiling.SkyMapException;
import org.openastro.alerts.tiling.Tiling;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.node.NodePages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an alert is one pointing or several: its error region (a radius, an ellipse, a
 * sky map) against the field of the nodes that can observe ({@link FieldOfView}). A region whose
 * radius (semi-major axis) fits in half the field is one pointing at the alert's position, as
 * every alert was before tiling; a larger region, and any sky map, is tiled
 * ({@link RegionTiler}: ranked by enclosed probability up to {@code ALERT_TILING_COVERAGE} or
 * {@code ALERT_TILING_MAX_POINTINGS}). Sampling and reading maps is CPU work: on a worker thread
 * when called on a Vert.x context. A map that cannot be fetched or read is an
 * {@link AlertParseException} naming the notice's field.
 */
public final class AlertTiling {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTiling.class);
  static final String INVALID_SKYMAP = "invalid_skymap";

  private final RegionTiler tiler;
  private final SkyMapFetcher maps;
  private final FieldOfView field;

  AlertTiling(RegionTiler tiler, SkyMapFetcher maps, FieldOfView field) {
    this.tiler = tiler;
    this.maps = maps;
    this.field = field;
  }

  /** The tiling of {@code config} over {@code store}'s nodes. Prepares statements: build at start-up. */
  public static AlertTiling of(Config config, Store store) {
    long maxBytes = config.get(TilingSettings.SKYMAP_MAX_BYTES);
    return new AlertTiling(
        new RegionTiler(config.get(TilingSettings.COVERAGE), config.get(TilingSettings.MAX_POINTINGS), maxBytes),
        new SkyMapFetcher(config.get(TilingSettings.SKYMAP_FETCH_TIMEOUT), maxBytes,
            config.get(TilingSettings.SKYMAP_URL_PREFIXES)),
        new FleetFieldOfView(store.shared(NodePages.class, NodePages::new), config.get(TilingSettings.FIELD_DEG),
            config.get(TilingSettings.FLEET_REFRESH), Clock.systemUTC()));
  }

  /**
   * An alert placed and, when its region is larger than a field, tiled ({@code tiling} null: one
   * pointing); {@code skymapUnused}: why a sky map given beside a position was not used (null when
   * it was, or there was none).
   */
  public record Plan(Alert alert, Tiling tiling, String skymapUnused) {
    public Plan(Alert alert, Tiling tiling) {
      this(alert, tiling, null);
    }

    public boolean tiled() {
      return tiling != null;
    }
  }

  /**
   * The plan of {@code a}. A sky map that cannot be fetched or read fails the notice (naming the
   * field) when the map is its only localization; beside a position and radius (IceCube and GBM
   * notices carry both) the notice falls back to its error circle, and the plan says why: an alert
   * is not lost to a map server that is down.
   */
  public Future<Plan> plan(Alert a) {
    AlertRegion circle = a.errorRadiusDeg() != null && a.errorRadiusDeg() > 0
        ? a.region() instanceof AlertRegion.Ellipse e ? e
            : new AlertRegion.Ellipse(a.errorRadiusDeg(), a.errorRadiusDeg(), 0, AlertRegion.DEFAULT_CONTAINMENT)
        : null;
    AlertRegion region = a.region() instanceof AlertRegion.SkyMap ? a.region() : circle;
    if (region == null) {
      return Future.succeededFuture(new Plan(a, null));
    }
    return field.fieldDeg().compose(fieldDeg -> {
      if (region instanceof AlertRegion.Ellipse e) {
        return ellipse(a, e, fieldDeg);
      }
      AlertRegion.SkyMap map = (AlertRegion.SkyMap) region;
      Future<Plan> mapped = maps.bytes(map)
          .compose(bytes -> offload(() -> tiler.skyMap(bytes, fieldDeg)))
          .recover(t -> Future.failedFuture(t instanceof SkyMapException bad
              ? new AlertParseException(INVALID_SKYMAP, map.field(), "the sky map of " + map.field()
                  + " cannot be read: " + bad.getMessage())
              : t))
          .map(t -> new Plan(a.at(t.pointings().get(0).raDeg(), t.pointings().get(0).decDeg()), t));
      if (a.positionFromMap()) {
        return mapped;
      }
      return mapped.recover(t -> {
        if (!(t instanceof AlertParseException unusable)) {
          return Future.failedFuture(t);
        }
        LOG.warn("Alert {}: its sky map is not used, its error circle is ({}: {})", a.alertSourceId(),
            unusable.code(), unusable.getMessage());
        Future<Plan> fallback = circle instanceof AlertRegion.Ellipse e ? ellipse(a, e, fieldDeg)
            : Future.succeededFuture(new Plan(a, null));
        return fallback.map(p -> new Plan(p.alert(), p.tiling(), unusable.code() + ": " + unusable.getMessage()));
      });
    });
  }

  private Future<Plan> ellipse(Alert a, AlertRegion.Ellipse e, double fieldDeg) {
    if (e.aDeg() <= fieldDeg / 2) {
      return Future.succeededFuture(new Plan(a, null));
    }
    return offload(() -> tiler.ellipse(a.ra(), a.dec(), e.aDeg(), e.bDeg(), e.paDeg(), e.containment(), fieldDeg))
        .map(t -> new Plan(a, t));
  }

  private static <T> Future<T> offload(Callable<T> work) {
    Context context = Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.owner().executeBlocking(work, false);
  }
}
