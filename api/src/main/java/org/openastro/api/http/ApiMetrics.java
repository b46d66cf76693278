package org.openastro.api.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Counts what the HTTP API refuses, by route and error code, so bad clients show up on dashboards.
 * Every tag takes its values from a closed set: a route is a documented operation's template or
 * {@link #UNMATCHED}, never text from the request (each new value is a new
 * series held in memory for the life of the process).
 */
final class ApiMetrics {
  /** Requests the OpenAPI document does not describe (any method, any path), and requests refused before routing. */
  static final String UNMATCHED = "unmatched";

  private final MeterRegistry registry;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Counter connectionsRefused;
  private final Counter timedOut;

  ApiMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.connectionsRefused = Counter.builder("openastro.http.connections.refused")
        .description("HTTP connections closed at once because HTTP_MAX_CONNECTIONS were open")
        .register(registry);
    this.timedOut = Counter.builder("openastro.http.requests.timed.out")
        .description("HTTP requests (or connections) closed because the head or body did not arrive within "
            + "HTTP_REQUEST_TIMEOUT")
        .register(registry);
  }

  void openConnections(Supplier<Number> open) {
    Gauge.builder("openastro.http.connections.open", open).description("open HTTP connections").register(registry);
  }

  /** {@code route} and {@code code} must come from closed sets (templates, error codes): never request text. */
  void rejected(String route, String code) {
    rejected.computeIfAbsent(route + '|' + code, k -> Counter.builder("openastro.http.requests.rejected")
        .description("HTTP API requests refused, by route template and error code")
        .tag("route", route)
        .tag("error", code)
        .register(registry)).increment();
  }

  void connectionRefused() {
    connectionsRefused.increment();
  }

  void timedOut() {
    timedOut.increment();
  }
}
