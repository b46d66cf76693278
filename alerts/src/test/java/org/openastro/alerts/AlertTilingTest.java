package org.openastro.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openastro.alerts.tiling.RegionTiler;
import org.openastro.alerts.tiling.TestSkyMaps;

/**
 * Sky maps by URL and in the notice, from a real HTTP server on the loopback: a map is fetched,
 * read and tiled; one too large, too slow, missing, or not FITS is refused naming the field, with
 * the error code the route answers (400) and counts.
 */
class AlertTilingTest {
  /** Generous: a first fetch in a cold JVM on a loaded two-core machine takes a while. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** For the server that never answers. */
  static final Duration SHORT_TIMEOUT = Duration.ofMillis(1500);
  static final long MAX_BYTES = 2 << 20;
  static final byte[] MAP = TestSkyMaps.blobMap(150, 40, 1.5);
  static Vertx vertx;
  static HttpServer server;
  static String base;
  final AlertReader reader = new AlertReader();
  final AlertTiling tiling = new AlertTiling(new RegionTiler(0.9, 100, MAX_BYTES),
      new SkyMapFetcher(TIMEOUT, MAX_BYTES, List.of("http://127.0.0.1:")), FieldOfView.fixed(1.0));

  @BeforeAll
  static void serve() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/map.fits" -> req.response().end(Buffer.buffer(MAP));
        case "/huge.fits" -> req.response().putHeader("content-length", String.valueOf(MAX_BYTES + 1)).end();
        case "/endless.fits" -> {
          // No Content-Length (chunked): only the bytes as they come tell that it is too large.
          req.response().setChunked(true);
          req.response().write(Buffer.buffer(new byte[(int) MAX_BYTES]));
          req.response().end(Buffer.buffer(new byte[1024]));
        }
        case "/slow.fits" -> { } // never answers
        case "/text.fits" -> req.response().end("<html>not a map</html>");
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String notice(String mapFields) {
    return "{\"$schema\": \"https://gcn.nasa.gov/schema/main/gcn/notices/svom/eclairs/alert.schema.json\","
        + " \"id\": [\"sb25060201\"], \"alert_datetime\": \"2025-06-02T21:40:03Z\", " + mapFields + "}";
  }

  AlertTiling.Plan plan(String mapFields) throws Exception {
    return tiling.plan((Alert) reader.read(null, notice(mapFields))).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  AlertParseException refusal(String mapFields) {
    return refusal(tiling, mapFields);
  }

  AlertParseException refusal(AlertTiling tiling, String mapFields) {
    Future<AlertTiling.Plan> f;
    try {
      f = tiling.plan((Alert) reader.read(null, notice(mapFields)));
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      assertThat(cause).isInstanceOf(AlertParseException.class);
      return (AlertParseException) cause;
    }
    throw new AssertionError("not refused: " + f.result());
  }

  @Test
  void aMapByUrlIsFetchedTiledAndTheAlertPlacedOnItsBestPointing() throws Exception {
    AlertTiling.Plan p = plan("\"healpix_url\": \"" + base + "/map.fits\"");
    assertThat(p.tiled()).isTrue();
    assertThat(p.tiling().coverage()).isGreaterThanOrEqualTo(0.9);
    assertThat(p.alert().ra()).isCloseTo(150, org.assertj.core.data.Offset.offset(1.0));
    assertThat(p.alert().dec()).isCloseTo(40, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void aMapInTheNoticeIsReadTheSame() throws Exception {
    AlertTiling.Plan inline = plan("\"healpix_file\": \"" + Base64.getEncoder().encodeToString(MAP) + "\"");
    AlertTiling.Plan fetched = plan("\"healpix_url\": \"" + base + "/map.fits\"");
    assertThat(inline.tiling()).isEqualTo(fetched.tiling());
  }

  @Test
  void tooLargeTooSlowMissingAndMalformedMapsAreRefusedNamingTheField() {
    AlertParseException declared = refusal("\"healpix_url\": \"" + base + "/huge.fits\"");
    assertThat(declared.code()).isEqualTo("skymap_too_large");
    assertThat(declared.field()).isEqualTo("healpix_url");
    assertThat(declared.getMessage()).contains("ALERT_SKYMAP_MAX_BYTES");

    AlertParseException streamed = refusal("\"healpix_url\": \"" + base + "/endless.fits\"");
    assertThat(streamed.code()).isEqualTo("skymap_too_large");

    long started = System.nanoTime();
    AlertTiling impatient = new AlertTiling(new RegionTiler(0.9, 100, MAX_BYTES),
        new SkyMapFetcher(SHORT_TIMEOUT, MAX_BYTES, List.of("http://127.0.0.1:")), FieldOfView.fixed(1.0));
    AlertParseException slow = refusal(impatient, "\"healpix_url\": \"" + base + "/slow.fits\"");
    assertThat(slow.code()).isEqualTo("skymap_unavailable");
    assertThat(slow.getMessage()).contains("ALERT_SKYMAP_FETCH_TIMEOUT");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT_TIMEOUT.multipliedBy(4));

    AlertParseException missing = refusal("\"healpix_url\": \"" + base + "/nothing.fits\"");
    assertThat(missing.code()).isEqualTo("skymap_unavailable");
    assertThat(missing.getMessage()).contains("HTTP 404");

    AlertParseException notFits = refusal("\"healpix_url\": \"" + base + "/text.fits\"");
    assertThat(notFits.code()).isEqualTo("invalid_skymap");
    assertThat(notFits.getMessage()).contains("not a FITS file");

    AlertParseException badBase64 = refusal("\"healpix_file\": \"this is not base64!\"");
    assertThat(badBase64.field()).isEqualTo("healpix_file");

    AlertParseException elsewhere = refusal("\"healpix_url\": \"http://169.254.169.254/latest/map.fits\"");
    assertThat(elsewhere.code()).isEqualTo("invalid_field");
    assertThat(elsewhere.getMessage()).contains("ALERT_SKYMAP_URL_PREFIXES");
  }

  @Test
  void aMapBesideAPositionThatCannotBeUsedFallsBackToTheCircleSayingWhy() throws Exception {
    AlertTiling.Plan p = plan("\"ra\": 96.47, \"dec\": 5.88, \"ra_dec_error\": 0.89, "
        + "\"healpix_url\": \"" + base + "/nothing.fits\"");
    assertThat(p.tiled()).isTrue(); // 0.89 degrees at 90% against a 1 degree field
    assertThat(p.tiling().pointings().get(0).raDeg()).isEqualTo(96.47);
    assertThat(p.skymapUnused()).startsWith("skymap_unavailable").contains("HTTP 404");
    AlertTiling.Plan outside = plan("\"ra\": 96.47, \"dec\": 5.88, "
        + "\"healpix_url\": \"https://roc.icecube.wisc.edu/public/\"");
    assertThat(outside.tiled()).isFalse();
    assertThat(outside.skymapUnused()).startsWith("invalid_field").contains("ALERT_SKYMAP_URL_PREFIXES");
  }

  @Test
  void aRadiusThatFitsHalfTheFieldIsOnePointingAndAnEllipseLargerIsTiled() throws Exception {
    AlertTiling.Plan small = plan("\"ra\": 10, \"dec\": 20, \"ra_dec_error\": 0.4");
    assertThat(small.tiled()).isFalse();
    AlertTiling.Plan ellipse = plan("\"ra\": 10, \"dec\": 20, \"ra_dec_error\": [3, 1, 45]");
    assertThat(ellipse.tiled()).isTrue();
    assertThat(ellipse.alert().errorRadiusDeg()).isEqualTo(3.0);
    assertThat(ellipse.tiling().pointings().get(0).raDeg()).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
  }
}
