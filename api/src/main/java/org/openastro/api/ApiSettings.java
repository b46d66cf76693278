package org.openastro.api;

import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.intBetween;
import static org.openastro.config.Parsers.path;
import static org.openastro.config.Parsers.port;
import static org.openastro.config.Parsers.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openastro.api.auth.ApiKeys;
import org.openastro.config.Setting;

/** Settings of the HTTP platform: its listener, API keys, and the secret hashing it shares with node identity. */
public final class ApiSettings {
  public static final Setting<String> HTTP_HOST = Setting.of("HTTP_HOST", "0.0.0.0",
      "address the HTTP API listens on", text());

  public static final Setting<Integer> HTTP_PORT = Setting.of("HTTP_PORT", "8080",
      "port of the HTTP API (0 = any free port)", port());

  public static final Setting<Path> HTTP_TLS_CERT_PATH = Setting.of("HTTP_TLS_CERT_PATH", null,
      "PEM certificate chain of the HTTP API; set = HTTP_PORT serves HTTPS only (no plain HTTP listener)", path());

  public static final Setting<Path> HTTP_TLS_KEY_PATH = Setting.of("HTTP_TLS_KEY_PATH", null,
      "PEM private key of the HTTP API's certificate; set both or neither (one alone fails the start)", path());

  public static final Setting<Integer> HTTP_MAX_BODY_BYTES = Setting.of("HTTP_MAX_BODY_BYTES", "65536",
      "largest JSON request body accepted; larger gets 413", intBetween(1024, 16 * 1024 * 1024));

  public static final Setting<Duration> HTTP_IDLE_TIMEOUT = Setting.of("HTTP_IDLE_TIMEOUT", "90s",
      "an HTTP connection with no traffic either way for this long is closed; keep it above TASKS_MAX_WAIT",
      durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<Duration> HTTP_REQUEST_TIMEOUT = Setting.of("HTTP_REQUEST_TIMEOUT", "30s",
      "a request's head, and its body unless streamed, must arrive within this of the connection opening or the "
          + "previous response; else 408 (body) or the connection is closed (head)",
      durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<Integer> HTTP_MAX_CONNECTIONS = Setting.of("HTTP_MAX_CONNECTIONS", "10000",
      "open connections of the HTTP listener; a connection beyond is closed at once (counted)",
      intBetween(1, 1_000_000));

  public static final Setting<Integer> AUTH_BCRYPT_COST = Setting.of("AUTH_BCRYPT_COST", "10",
      "bcrypt cost (log2 rounds) of node secret hashes", intBetween(4, 16));

  public static final Setting<Integer> AUTH_WORKER_THREADS = Setting.of("AUTH_WORKER_THREADS", "2",
      "threads that hash and verify node secrets (off the event loop)", intBetween(1, 64));

  public static final Setting<Integer> AUTH_MAX_PENDING = Setting.of("AUTH_MAX_PENDING", "512",
      "secret verifications waiting for a thread; beyond it: CONNACK server busy / HTTP 503",
      intBetween(1, 1_000_000));

  public static final Setting<Integer> AUTH_CACHE_MAX_ENTRIES = Setting.of("AUTH_CACHE_MAX_ENTRIES", "50000",
      "nodes whose verified secret is remembered, so a reconnect storm costs no bcrypt runs",
      intBetween(0, 10_000_000));

  public static final Setting<Duration> AUTH_CACHE_TTL = Setting.of("AUTH_CACHE_TTL", "1h",
      "how long a verified secret is remembered", durationAtLeast(Duration.ZERO));

  public static final Setting<String> ADMIN_API_KEY = Setting.secret("ADMIN_API_KEY",
      "API key with role ADMIN (principal 'admin') from configuration, used to create the other keys; "
          + "'oak_' followed by at least 32 characters; unset = no configured admin key",
      org.openastro.api.auth.ApiKeys::checkConfiguredKey);

  public static final Setting<Duration> API_KEY_CACHE_TTL = Setting.of("API_KEY_CACHE_TTL", "60s",
      "how long a verified API key is remembered (a deleted key may work this long on other gateways)",
      durationAtLeast(Duration.ZERO));

  /** Every setting of the HTTP platform, for the process's list of settings. */
  public static final List<Setting<?>> ALL = List.of(HTTP_HOST, HTTP_PORT, HTTP_TLS_CERT_PATH,
      HTTP_TLS_KEY_PATH, HTTP_MAX_BODY_BYTES, HTTP_IDLE_TIMEOUT,
      HTTP_REQUEST_TIMEOUT, HTTP_MAX_CONNECTIONS, AUTH_BCRYPT_COST, AUTH_WORKER_THREADS, AUTH_MAX_PENDING, AUTH_CACHE_MAX_ENTRIES, AUTH_CACHE_TTL, ADMIN_API_KEY, API_KEY_CACHE_TTL);

  private ApiSettings() {}
}
