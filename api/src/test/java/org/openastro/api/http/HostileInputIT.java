package org.openastro.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.cql.testing.Await;
import org.slf4j.LoggerFactory;

/**
 * Hostile input over a raw socket (issue 16): garbage that must neither grow memory (metric
 * series), nor hold connections (slowloris), nor give 500s and stack traces.
 */
class HostileInputIT {
  static final int MAX_BODY = 2048;
  static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1000);
  static final Duration IDLE_TIMEOUT = Duration.ofMillis(1500);
  static final String NODE = """
      {"location": {"lat": 28.76, "lon": -17.88, "elevation_m": 2396},
       "aperture_mm": 356, "fov_deg": 0.8, "filters": ["V", "R", "Ha"],
       "mount_type": "EQ", "control_protocol": "INDI"}""";
  static final String MISSION = """
      {"target_ra": 83.82, "target_dec": -5.39, "science_case": "DEEP_STACK",
       "total_exposure_required_s": 3600, "priority": 70, "required_filters": ["V"],
       "time_constraint_start": "2026-12-01T00:00:00Z", "time_constraint_end": "2026-12-31T00:00:00Z"}""";

  static Vertx vertx;
  static SimpleMeterRegistry registry = new SimpleMeterRegistry();
  static int port;
  ListAppender<ILoggingEvent> logged;

  static final ApiRoutes STAND_INS = router -> {
    router.post("/api/v1/nodes").handler(ctx -> Responses.json(ctx, 200, Responses.bodyObject(ctx)));
    router.get("/api/v1/nodes/:nodeId").handler(ctx ->
        Responses.json(ctx, 200, new JsonObject().put("id", PathParams.uuid(ctx, "nodeId", "node_id").toString())));
    router.post("/api/v1/missions").handler(ctx -> Responses.json(ctx, 200, Responses.bodyObject(ctx)));
    router.get("/api/v1/missions").handler(ctx ->
        Responses.json(ctx, 200, new JsonObject().put("status", ctx.queryParams().get("status"))));
    router.get("/api/v1/visibility").handler(ctx ->
        Responses.json(ctx, 200, new JsonObject().put("lat", ctx.queryParams().get("lat"))));
    router.put("/api/v1/artifacts/:artifactId/content").handler(ctx -> {
      ctx.request().handler(chunk -> { });
      ctx.request().endHandler(v -> ctx.response().setStatusCode(201).end());
      ctx.request().resume();
    });
  };

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    port = deploy(new HttpLimits(IDLE_TIMEOUT, REQUEST_TIMEOUT, 10_000), registry);
  }

  static int deploy(HttpLimits limits, SimpleMeterRegistry metrics) {
    HttpApiVerticle verticle = new HttpApiVerticle("127.0.0.1", 0, MAX_BODY, List.of(STAND_INS), metrics, null, limits);
    Await.result(vertx.deployVerticle(verticle));
    return verticle.actualPort();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @BeforeEach
  void captureLogs() {
    logged = new ListAppender<>();
    logged.start();
    root().addAppender(logged);
  }

  @AfterEach
  void releaseLogs() {
    root().detachAppender(logged);
  }

  static ch.qos.logback.classic.Logger root() {
    return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Sends the bytes on a new connection and reads the answer until the server closes it. */
  static String exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        socket.getInputStream().transferTo(answer);
      } catch (java.net.SocketException reset) {
        // the server may close before reading the whole (oversized) body
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  static String exchange(String method, String target, String contentType, String body) throws IOException {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + (body == null ? "" : "Content-Length: " + payload.length + "\r\n") + "\r\n";
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(head.getBytes(StandardCharsets.ISO_8859_1));
    request.write(payload);
    return exchange(port, request.toByteArray());
  }

  static int status(String answer) {
    assertThat(answer).startsWith("HTTP/1.");
    return Integer.parseInt(answer.substring(9, 12));
  }

  static JsonObject json(String answer) {
    return new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }

  static double rejected(String route, String code) {
    Counter c = registry.find("openastro.http.requests.rejected").tag("route", route).tag("error", code).counter();
    return c == null ? 0 : c.count();
  }

  static Set<String> rejectedRoutes() {
    return registry.find("openastro.http.requests.rejected").meters().stream()
        .map(m -> m.getId().getTag("route")).collect(Collectors.toSet());
  }

  void assertNoStackTraceLogged() {
    assertThat(logged.list.stream().filter(e -> e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.ERROR))
        .map(ILoggingEvent::getFormattedMessage).toList()).as("logged with a stack trace or at ERROR").isEmpty();
  }

  @Test
  void garbagePathsAndMethodsMakeNoNewMetricSeries() throws Exception {
    exchange("GET", "/warm-up", null, null);
    double unmatchedBefore = rejected("unmatched", "not_found");
    double tooLargeBefore = rejected("unmatched", "payload_too_large");
    String big = "x".repeat(MAX_BODY + 1);
    int requests = 0;
    for (int i = 0; i < 40; i++) {
      String[] methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "FOO" + i};
      String method = methods[i % methods.length];
      assertThat(status(exchange(method, "/anything" + i, null, null))).isIn(404, 405, 400, 501);
      assertThat(status(exchange("POST", "/anything" + i, "application/json", big))).isEqualTo(413);
      assertThat(status(exchange("BREW" + i, "/api/v1/missions", null, null))).isBetween(400, 499);
      assertThat(status(exchange("DELETE", "/api/v1/missions/x" + i, null, null))).isBetween(400, 499);
      assertThat(status(exchange("GET", "/api/v1/nodes/" + i, null, null))).isEqualTo(400);
      requests += 5;
    }
    Set<String> routes = rejectedRoutes();
    assertThat(routes).as("a closed set of route values").hasSizeLessThanOrEqualTo(4)
        .allMatch(r -> r.equals("unmatched") || r.equals("GET /api/v1/nodes/{id}"), "unmatched or a template");
    assertThat(rejected("GET /api/v1/nodes/{id}", "invalid_field")).isGreaterThanOrEqualTo(40);
    assertThat(rejected("unmatched", "payload_too_large") - tooLargeBefore).isEqualTo(40);
    double allRejected = registry.find("openastro.http.requests.rejected").counters().stream()
        .mapToDouble(Counter::count).sum();
    assertThat(allRejected).as("every 4xx is counted").isGreaterThanOrEqualTo(requests);
    assertThat(rejected("unmatched", "not_found")).isGreaterThan(unmatchedBefore);
    assertThat(registry.getMeters().stream().map(Meter::getId).flatMap(id -> id.getTags().stream())
        .map(t -> t.getValue()).filter(v -> v.contains("anything") || v.contains("BREW") || v.contains("FOO")))
        .as("no tag value from the request").isEmpty();
    assertNoStackTraceLogged();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/api/v1/nodes/%                         | path",
      "/api/v1/nodes/%zz                       | path",
      "/api/v1/nodes/ab%4                      | path",
      "/api/v1/missions?status=%               | status",
      "/api/v1/missions?status=PENDING&limit=% | limit",
      "/api/v1/visibility?lat=%                | lat",
      "/api/v1/visibility?lat=1&lon=%g0        | lon",
      "/anything/%                             | path",
      "/anything?x=%                           | x",
  })
  void malformedPercentEscapesAre400NamingTheParameterWithoutAStackTrace(String target, String field)
      throws Exception {
    String answer = exchange("GET", target, null, null);
    assertThat(status(answer)).as(answer).isEqualTo(400);
    JsonObject error = json(answer);
    assertThat(error.getString("error")).isEqualTo("invalid_field");
    assertThat(error.getString("field")).isEqualTo(field);
    assertThat(error.getString("message")).contains(field);
    assertNoStackTraceLogged();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "node filter high surrogate | /api/v1/nodes    | NODE    | \"Ha\" > \"\\ud800\"           | filters",
      "node filter low surrogate  | /api/v1/nodes    | NODE    | \"Ha\" > \"H\\udc00a\"         | filters",
      "node filter unpaired high  | /api/v1/nodes    | NODE    | \"Ha\" > \"\\ud83dx\"          | filters",
      "node nested string         | /api/v1/nodes    | NODE    | \"EQ\" > \"E\\udfffQ\"         | mount_type",
      "mission required filter    | /api/v1/missions | MISSION | [\"V\"] > [\"V\", \"\\ud800\"] | required_filters",
  })
  void loneSurrogatesAreRefusedNamingTheField(String name, String path, String base, String edit, String field)
      throws Exception {
    String[] parts = edit.split(">", 2);
    String original = base.equals("NODE") ? NODE : MISSION;
    assertThat(original).contains(parts[0].trim());
    String answer = exchange("POST", path, "application/json", original.replace(parts[0].trim(), parts[1].trim()));
    assertThat(status(answer)).as(answer).isEqualTo(400);
    JsonObject error = json(answer);
    assertThat(error.getString("error")).isEqualTo("invalid_field");
    assertThat(error.getString("field")).isEqualTo(field);
    assertNoStackTraceLogged();
  }

  @Test
  void pairedSurrogatesAreFine() throws Exception {
    String answer = exchange("POST", "/api/v1/nodes", "application/json", NODE.replace("\"Ha\"", "\"H\\ud83d\\ude00\""));
    assertThat(status(answer)).as(answer).isEqualTo(200);
    assertThat(json(answer).getJsonArray("filters").getString(2)).isEqualTo("H\ud83d\ude00");
  }

  @Test
  void anUnknownHttpVersionIs505() throws Exception {
    String answer = exchange(port, "GET /api/v1/missions?status=PENDING HTTP/9.9\r\nHost: x\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(answer).startsWith("HTTP/1.1 505 ");
    assertNoStackTraceLogged();
  }

  /** Writes a header line every poll and reports whether the server has closed (or answered 408). */
  static boolean closedWhileTrickling(Socket socket, StringBuilder seen) {
    try {
      socket.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.ISO_8859_1));
      socket.setSoTimeout(50);
      byte[] buffer = new byte[1024];
      int n = socket.getInputStream().read(buffer);
      if (n < 0) {
        return true;
      }
      seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      return false;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException closed) {
      return true;
    }
  }

  @Test
  void aHalfSentRequestIsClosedWithinTheRequestTimeoutWhileNormalRequestsWork() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", port)) {
      slow.getOutputStream().write("GET /api/v1/missions?status=PENDING HTTP/1.1\r\nHost: x\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      long started = System.nanoTime();
      StringBuilder seen = new StringBuilder();
      // trickling a header line every 100 ms keeps it from being idle: only the request timeout ends it
      await().atMost(REQUEST_TIMEOUT.plusSeconds(3)).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            assertThat(status(exchange("GET", "/api/v1/missions?status=PENDING", null, null))).isEqualTo(200);
            return closedWhileTrickling(slow, seen);
          });
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(REQUEST_TIMEOUT.minusMillis(100));
      assertThat(seen.toString()).satisfiesAnyOf(s -> assertThat(s).isEmpty(), s -> assertThat(s).startsWith("HTTP/1.1 408 "));
    }
    // a half-sent buffered body too
    try (Socket slow = new Socket("127.0.0.1", port)) {
      slow.getOutputStream().write(("POST /api/v1/nodes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"loc").getBytes(StandardCharsets.ISO_8859_1));
      slow.setSoTimeout((int) REQUEST_TIMEOUT.plusSeconds(3).toMillis());
      String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).satisfiesAnyOf(s -> assertThat(s).isEmpty(), s -> assertThat(s).startsWith("HTTP/1.1 408 "));
    }
    assertThat(registry.find("openastro.http.requests.timed.out").counter().count()).isGreaterThanOrEqualTo(2);
    assertNoStackTraceLogged();
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    // a streamed upload is not held to the request timeout, only to the idle timeout
    try (Socket stalled = new Socket("127.0.0.1", port)) {
      stalled.getOutputStream().write(("PUT /api/v1/artifacts/" + UUID.randomUUID() + "/content HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/octet-stream\r\nContent-Length: 100\r\n\r\n0123456789")
          .getBytes(StandardCharsets.ISO_8859_1));
      long started = System.nanoTime();
      stalled.setSoTimeout((int) IDLE_TIMEOUT.plusSeconds(3).toMillis());
      InputStream in = stalled.getInputStream();
      try {
        assertThat(in.read()).isEqualTo(-1);
      } catch (java.net.SocketException reset) {
        // closed
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(100));
    }
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAtOnceWhileTheOthersKeepWorking() throws Exception {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    int limited = deploy(new HttpLimits(Duration.ofSeconds(60), Duration.ofSeconds(30), 3), metrics);
    List<Socket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket s = new Socket("127.0.0.1", limited);
        open.add(s);
        assertThat(keepAliveRequest(s)).startsWith("HTTP/1.1 200 ");
      }
      for (int i = 0; i < 5; i++) {
        try (Socket refused = new Socket("127.0.0.1", limited)) {
          refused.setSoTimeout(5000);
          try {
            refused.getOutputStream().write("GET /api/v1/missions?status=PENDING HTTP/1.1\r\nHost: x\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(refused.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
          } catch (java.net.SocketException reset) {
            // closed
          }
        }
      }
      for (Socket s : open) {
        assertThat(keepAliveRequest(s)).startsWith("HTTP/1.1 200 ");
      }
      assertThat(metrics.find("openastro.http.connections.refused").counter().count()).isEqualTo(5);
      assertThat(metrics.find("openastro.http.connections.open").gauge().value()).isEqualTo(3);
      open.remove(0).close();
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        try (Socket again = new Socket("127.0.0.1", limited)) {
          return keepAliveRequest(again).startsWith("HTTP/1.1 200 ");
        } catch (IOException refused) {
          return false;
        }
      });
    } finally {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  /** One request on a kept-alive connection; the answer's head and body (Content-Length framed). */
  static String keepAliveRequest(Socket s) throws IOException {
    s.setSoTimeout(5000);
    OutputStream out = s.getOutputStream();
    out.write("GET /api/v1/missions?status=PENDING HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.toString();
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("content-length:");
    int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
