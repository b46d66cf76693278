package org.openastro.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.openastro.alerts.NoticeOutcome.Kind;

/**
 * {@code openastro_alerts_notices_total{via, outcome}}: every notice handled, by the way it came
 * ({@code http}, {@code kafka}) and what became of it (a {@link Kind}: {@code created},
 * {@code updated}, {@code cancelled}, ...). Closed label sets, every combination registered at
 * start, so a rate reads 0 rather than nothing.
 */
public final class AlertMetrics {
  static final String NAME = "openastro.alerts.notices";
  private final Map<Kind, Counter> byKind = new EnumMap<>(Kind.class);

  /** {@code via}: {@code http} or {@code kafka}. */
  public AlertMetrics(MeterRegistry registry, String via) {
    for (Kind kind : Kind.values()) {
      byKind.put(kind, Counter.builder(NAME)
          .description("alert notices handled, by intake path and outcome (missions created, updated, cancelled, ...)")
          .tag("via", via).tag("outcome", kind.wireName())
          .register(registry));
    }
  }

  public void count(Kind kind) {
    byKind.get(kind).increment();
  }

  /** Notices handled so far with any of these outcomes. */
  public double total(Kind kind, Kind... more) {
    double sum = byKind.get(kind).count();
    for (Kind k : more) {
      sum += byKind.get(k).count();
    }
    return sum;
  }
}
