package org.openastro.gateway.auth;

import java.time.Duration;

/**
 * An authentication refused before any secret was checked, because its node id or source address
 * failed too often lately or has too many checks in flight. {@link #busy()}: a concurrency limit
 * (try again soon); otherwise a failure limit. Transports answer MQTT "server busy" / "not
 * authorized" and HTTP 429 with {@code Retry-After}.
 */
public final class AuthThrottledException extends RuntimeException {
  /** The limit that refused; the values are the {@code reason} tag of the refusal metric. */
  public enum Limit {
    NODE_FAILURES(false), ADDRESS_FAILURES(false), NODE_IN_FLIGHT(true), ADDRESS_IN_FLIGHT(true),
    SUSPECT_IN_FLIGHT(true);

    private final boolean busy;

    Limit(boolean busy) {
      this.busy = busy;
    }

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Limit limit;
  private final Duration retryAfter;

  AuthThrottledException(Limit limit, Duration retryAfter) {
    super("too many authentication attempts (" + limit.tag() + "); retry in " + retryAfter.toSeconds() + " s",
        null, false, false);
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  public Limit limit() {
    return limit;
  }

  public boolean busy() {
    return limit.busy;
  }

  /** At least one second. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds for a Retry-After header, at least 1. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
