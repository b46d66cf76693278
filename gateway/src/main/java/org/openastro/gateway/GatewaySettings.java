package org.openastro.gateway;

import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.intBetween;
import static org.openastro.config.Parsers.path;
import static org.openastro.config.Parsers.port;
import static org.openastro.config.Parsers.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openastro.config.Setting;

/** Settings of the gateway: MQTT listeners, node payloads, ingest limits, task long-polls. */
public final class GatewaySettings {
  public static final Setting<String> MQTT_HOST = Setting.of("MQTT_HOST", "0.0.0.0",
      "address the MQTT server listens on", text());

  public static final Setting<Integer> MQTT_PORT = Setting.of("MQTT_PORT", "1883",
      "port of the plain MQTT listener (0 = any free port)", port());

  public static final Setting<Integer> MQTT_TLS_PORT = Setting.of("MQTT_TLS_PORT", "8883",
      "port of the MQTT-over-TLS listener, opened only when MQTT_TLS_CERT_PATH is set", port());

  public static final Setting<Path> MQTT_TLS_CERT_PATH = Setting.of("MQTT_TLS_CERT_PATH", null,
      "PEM certificate chain of the MQTT TLS listener; unset = no TLS listener", path());

  public static final Setting<Path> MQTT_TLS_KEY_PATH = Setting.of("MQTT_TLS_KEY_PATH", null,
      "PEM private key of the MQTT TLS listener; set both or neither (one alone fails the start)", path());

  public static final Setting<Duration> MQTT_CONNECT_TIMEOUT = Setting.of("MQTT_CONNECT_TIMEOUT", "10s",
      "a TCP connection whose CONNECT is not complete this long after it opened is closed, however its bytes trickle", durationAtLeast(Duration.ofSeconds(1)));

  public static final Setting<Duration> MQTT_PING_HEARTBEAT_INTERVAL = Setting.of(
      "MQTT_PING_HEARTBEAT_INTERVAL", "5s",
      "a keep-alive ping is recorded as a heartbeat at most this often per connection",
      durationAtLeast(Duration.ZERO));

  public static final Setting<Integer> NODE_MAX_PAYLOAD_BYTES = Setting.of("NODE_MAX_PAYLOAD_BYTES", "4096",
      "largest heartbeat or progress payload (MQTT and HTTP); larger is refused",
      intBetween(256, 1024 * 1024));

  public static final Setting<Integer> INGEST_MAX_IN_FLIGHT = Setting.of("INGEST_MAX_IN_FLIGHT", "1024",
      "heartbeat/progress writes sent to Cassandra at once, per gateway (heartbeats travel up to"
          + " HEARTBEAT_BATCH_MAX_ROWS to a request, so Cassandra sees about a tenth as many requests)",
      intBetween(1, 65536));

  public static final Setting<Integer> INGEST_MAX_QUEUED = Setting.of("INGEST_MAX_QUEUED", "8192",
      "acknowledged-kind writes (QoS 1, HTTP) waiting for an in-flight slot; beyond it: 503 / MQTT"
          + " server busy", intBetween(0, 1_000_000));

  public static final Setting<Duration> HEARTBEAT_HISTORY_TTL = Setting.of("HEARTBEAT_HISTORY_TTL", "7d",
      "how long heartbeat history rows are kept", durationAtLeast(Duration.ofMinutes(1)));

  public static final Setting<Duration> TASKS_MAX_WAIT = Setting.of("TASKS_MAX_WAIT", "60s",
      "longest long-poll of GET /api/v1/nodes/{id}/tasks?wait=", durationAtLeast(Duration.ZERO));

  public static final Setting<Integer> TASKS_MAX_WAITERS = Setting.of("TASKS_MAX_WAITERS", "20000",
      "long-polls held at once per gateway; beyond it the poll answers at once", intBetween(0, 1_000_000));

  public static final Setting<Integer> AUTH_NODE_FAILURE_BURST = Setting.of("AUTH_NODE_FAILURE_BURST", "10",
      "failed secret checks one node id may have at once before it is refused without a check (token bucket)",
      intBetween(1, 1_000_000));

  public static final Setting<Duration> AUTH_NODE_FAILURE_REFILL = Setting.of("AUTH_NODE_FAILURE_REFILL", "30s",
      "one more failed secret check per node id is allowed per this interval once the burst is spent",
      durationAtLeast(Duration.ofMillis(1)));

  public static final Setting<Integer> AUTH_ADDRESS_FAILURE_BURST = Setting.of("AUTH_ADDRESS_FAILURE_BURST", "30",
      "failed authentications (wrong secret or unknown node) one source address may have at once before it is"
          + " refused without a check (token bucket)", intBetween(1, 1_000_000));

  public static final Setting<Duration> AUTH_ADDRESS_FAILURE_REFILL = Setting.of("AUTH_ADDRESS_FAILURE_REFILL", "2s",
      "one more failed authentication per source address is allowed per this interval once the burst is spent",
      durationAtLeast(Duration.ofMillis(1)));

  public static final Setting<Integer> AUTH_ADDRESS_MAX_PENDING = Setting.of("AUTH_ADDRESS_MAX_PENDING", "64",
      "secret checks (bcrypt) in flight at once per source address; beyond: MQTT server busy / HTTP 429",
      intBetween(1, 1_000_000));

  public static final Setting<Integer> AUTH_SUSPECT_MAX_PENDING = Setting.of("AUTH_SUSPECT_MAX_PENDING", "32",
      "secret checks in flight at once for node ids or addresses that failed lately, so the rest of"
          + " AUTH_MAX_PENDING stays free for the others", intBetween(1, 1_000_000));

  public static final Setting<Integer> AUTH_LIMITER_MAX_ENTRIES = Setting.of("AUTH_LIMITER_MAX_ENTRIES", "100000",
      "node ids and addresses whose recent failures are remembered, each (least recently used forgotten first)",
      intBetween(1, 10_000_000));

  public static final Setting<Integer> PROGRESS_MAX_EXPOSURE_RATE = Setting.of("PROGRESS_MAX_EXPOSURE_RATE", "1",
      "exposure seconds a task may gain per wall-clock second since its window start (set at assignment);"
          + " 1 = real time, 0 = no plausibility check (a simulator compressing time sets its speed)",
      intBetween(0, 1_000_000));

  public static final Setting<Duration> PROGRESS_EXPOSURE_SLACK = Setting.of("PROGRESS_EXPOSURE_SLACK", "300s",
      "exposure a progress report may claim beyond the wall-clock time since the task's window start"
          + " (clock skew, reporting delay); more is refused as implausible_exposure",
      durationAtLeast(Duration.ZERO));

  /** Longest lifetime an enrolment token may have (and the highest {@code ttl_s} the API documents). */
  public static final Duration ENROLMENT_TOKEN_TTL_LIMIT = Duration.ofDays(30);

  public static final Setting<Duration> ENROLMENT_TOKEN_TTL = Setting.of("ENROLMENT_TOKEN_TTL", "24h",
      "lifetime of an enrolment token issued without ttl_s (POST /api/v1/enrolment-tokens); at most"
          + " ENROLMENT_TOKEN_MAX_TTL", enrolmentTtl());

  public static final Setting<Duration> ENROLMENT_TOKEN_MAX_TTL = Setting.of("ENROLMENT_TOKEN_MAX_TTL", "7d",
      "longest ttl_s an enrolment token may be issued with; longer is refused (400); at most 30d", enrolmentTtl());

  /** Every gateway setting, for the process's list of settings. */
  public static final List<Setting<?>> ALL = List.of(
      MQTT_HOST, MQTT_PORT, MQTT_TLS_PORT, MQTT_TLS_CERT_PATH, MQTT_TLS_KEY_PATH, MQTT_CONNECT_TIMEOUT,
      MQTT_PING_HEARTBEAT_INTERVAL, NODE_MAX_PAYLOAD_BYTES, INGEST_MAX_IN_FLIGHT, INGEST_MAX_QUEUED,
      HEARTBEAT_HISTORY_TTL, TASKS_MAX_WAIT, TASKS_MAX_WAITERS, AUTH_NODE_FAILURE_BURST, AUTH_NODE_FAILURE_REFILL,
      AUTH_ADDRESS_FAILURE_BURST, AUTH_ADDRESS_FAILURE_REFILL, AUTH_ADDRESS_MAX_PENDING, AUTH_SUSPECT_MAX_PENDING,
      AUTH_LIMITER_MAX_ENTRIES, PROGRESS_MAX_EXPOSURE_RATE, PROGRESS_EXPOSURE_SLACK, ENROLMENT_TOKEN_TTL,
      ENROLMENT_TOKEN_MAX_TTL);

  private GatewaySettings() {}

  private static java.util.function.Function<String, Duration> enrolmentTtl() {
    return durationAtLeast(Duration.ofSeconds(1)).andThen(d -> {
      if (d.compareTo(ENROLMENT_TOKEN_TTL_LIMIT) > 0) {
        throw new IllegalArgumentException("must be at most 30d");
      }
      return d;
    });
  }
}
