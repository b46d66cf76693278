package org.openastro.api.http;

import java.time.Duration;
import java.util.Map;
import org.openastro.api.ApiSettings;
import org.openastro.config.Config;

/**
 * What one client may hold of the HTTP listener: {@code HTTP_IDLE_TIMEOUT},
 * {@code HTTP_REQUEST_TIMEOUT}, {@code HTTP_MAX_CONNECTIONS} (see {@link ApiSettings}).
 */
public record HttpLimits(Duration idleTimeout, Duration requestTimeout, int maxConnections) {
  /** The settings' defaults. */
  public static final HttpLimits DEFAULTS = from(Config.from(Map.of()));

  public static HttpLimits from(Config config) {
    return new HttpLimits(config.get(ApiSettings.HTTP_IDLE_TIMEOUT), config.get(ApiSettings.HTTP_REQUEST_TIMEOUT),
        config.get(ApiSettings.HTTP_MAX_CONNECTIONS));
  }
}
