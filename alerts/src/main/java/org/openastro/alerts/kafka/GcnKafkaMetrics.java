package org.openastro.alerts.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.openastro.alerts.AlertMetrics;
import org.openastro.alerts.NoticeOutcome.Kind;

/**
 * The consumer's meters, none with an open-ended label: records consumed, missions created,
 * duplicates (a notice that changed nothing: a repeat, a redelivery, an older notice), notices
 * skipped as unreadable, storage retries, the lag (records behind the end of the assigned
 * partitions, summed), and every handled notice by outcome ({@link AlertMetrics} with
 * {@code via="kafka"}: missions created, updated, cancelled, retractions recorded, test notices
 * ignored, ...).
 */
public final class GcnKafkaMetrics {
  final AlertMetrics outcomes;
  final Counter consumed;
  final Counter created;
  final Counter duplicates;
  final Counter parseFailures;
  final Counter storageRetries;
  final AtomicLong lag = new AtomicLong();

  public GcnKafkaMetrics(MeterRegistry registry) {
    outcomes = new AlertMetrics(registry, "kafka");
    consumed = Counter.builder("openastro.alerts.kafka.consumed")
        .description("GCN Kafka records consumed (each counted once it is handled)").register(registry);
    created = Counter.builder("openastro.alerts.kafka.missions.created")
        .description("missions created from GCN Kafka notices").register(registry);
    duplicates = Counter.builder("openastro.alerts.kafka.duplicates")
        .description("GCN Kafka notices that changed nothing: a repeat, a redelivery, an older notice of the event")
        .register(registry);
    parseFailures = Counter.builder("openastro.alerts.kafka.parse.failures")
        .description("GCN Kafka records that could not be read as an alert: logged and skipped").register(registry);
    storageRetries = Counter.builder("openastro.alerts.kafka.storage.retries")
        .description("times a notice's mission could not be stored and the record was retried").register(registry);
    Gauge.builder("openastro.alerts.kafka.lag", lag, AtomicLong::get)
        .description("records behind the end of the consumer's partitions (sum over its assignment)")
        .register(registry);
  }

  public double consumed() {
    return consumed.count();
  }

  public double created() {
    return created.count();
  }

  /** Notices handled with any of these outcomes. */
  public double outcomes(Kind kind, Kind... more) {
    return outcomes.total(kind, more);
  }

  public double duplicates() {
    return duplicates.count();
  }

  public double parseFailures() {
    return parseFailures.count();
  }

  public double storageRetries() {
    return storageRetries.count();
  }

  public long lag() {
    return lag.get();
  }
}
