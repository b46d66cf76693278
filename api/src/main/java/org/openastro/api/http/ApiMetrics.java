package org.openastro.api.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts what the HTTP API refuses, by route and error code, so bad clients show up on dashboards. */
final class ApiMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

  ApiMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void rejected(String route, String code) {
    rejected.computeIfAbsent(route + '|' + code, k -> Counter.builder("openastro.http.requests.rejected")
        .description("HTTP API requests refused, by route and error code")
        .tag("route", route)
        .tag("error", code)
        .register(registry)).increment();
  }
}
