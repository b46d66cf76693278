package org.openastro.gateway.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The event stream's meters (README "Metrics"). */
final class EventStreamMetrics {
  private final MeterRegistry registry;

  EventStreamMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void clients(Supplier<Number> count) {
    Gauge.builder("openastro.console.events.clients", count).description("event-stream clients held now")
        .register(registry);
  }

  void dropped(String reason) {
    Counter.builder("openastro.console.events.clients.dropped").tag("reason", reason)
        .description("event-stream clients dropped as too slow: lagged (the replay ring overtook them) or stalled"
            + " (their buffer stayed full a keep-alive interval)")
        .register(registry).increment();
  }

  void refused() {
    Counter.builder("openastro.console.events.clients.refused")
        .description("event-stream clients answered 503 at EVENTS_MAX_CLIENTS").register(registry).increment();
  }

  void resumed(String outcome) {
    Counter.builder("openastro.console.events.resumes").tag("outcome", outcome)
        .description("event-stream reconnects with Last-Event-ID: replayed from the ring, or told to reset")
        .register(registry).increment();
  }
}
