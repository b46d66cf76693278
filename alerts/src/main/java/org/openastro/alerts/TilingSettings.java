package org.openastro.alerts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.openastro.config.Parsers;
import org.openastro.config.Setting;

/** Settings of error regions larger than a field: how far to tile them, the field, and sky map fetching. */
public final class TilingSettings {
  public static final Setting<Double> COVERAGE = Setting.of("ALERT_TILING_COVERAGE", "0.9",
      "share of an error region's probability its pointings enclose together (0 to 1): pointings are added, most "
          + "probable first, until this is reached (or ALERT_TILING_MAX_POINTINGS)",
      Parsers.decimalBetween(0.01, 1));

  public static final Setting<Integer> MAX_POINTINGS = Setting.of("ALERT_TILING_MAX_POINTINGS", "100",
      "most pointings (missions) one alert is tiled into, most probable first; caps a large sky map so one alert "
          + "cannot flood the queue (100 x 0.5 degree fields hold a Fermi/GBM circle of ~3 degrees at 90%)",
      Parsers.intBetween(1, 1000));

  public static final Setting<Double> FIELD_DEG = Setting.of("ALERT_TILING_FIELD_DEG", "0.5",
      "field of view (degrees) pointings are sized to when no node that can observe (ONLINE or BUSY) is known; "
          + "otherwise the smallest fov_deg among them is used",
      Parsers.decimalBetween(0.01, 90));

  public static final Setting<Duration> FLEET_REFRESH = Setting.of("ALERT_TILING_FLEET_REFRESH", "1m",
      "how long the fleet's smallest field of view is reused before the nodes are read again for the next tiled "
          + "alert", Parsers.durationAtLeast(Duration.ofSeconds(1)));

  public static final Setting<Long> SKYMAP_MAX_BYTES = Setting.of("ALERT_SKYMAP_MAX_BYTES", "64MiB",
      "largest HEALPix sky map read (fetched, or unpacked from gzip); larger is refused (400 skymap_too_large)",
      Parsers.bytes());

  public static final Setting<Duration> SKYMAP_FETCH_TIMEOUT = Setting.of("ALERT_SKYMAP_FETCH_TIMEOUT", "20s",
      "longest fetch of a healpix_url sky map, connecting to last byte; longer is refused (400 skymap_unavailable)",
      Parsers.durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<List<String>> SKYMAP_URL_PREFIXES = Setting.of("ALERT_SKYMAP_URL_PREFIXES",
      "https://gracedb.ligo.org/,https://heasarc.gsfc.nasa.gov/,https://gcn.nasa.gov/",
      "comma-separated URL prefixes a healpix_url may start with (the server fetches it: no other host can be made "
          + "to answer it); others are refused (400 invalid_field)",
      s -> Arrays.stream(s.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList());

  public static final List<Setting<?>> ALL = List.of(COVERAGE, MAX_POINTINGS, FIELD_DEG, FLEET_REFRESH,
      SKYMAP_MAX_BYTES, SKYMAP_FETCH_TIMEOUT, SKYMAP_URL_PREFIXES);

  private TilingSettings() {}
}
