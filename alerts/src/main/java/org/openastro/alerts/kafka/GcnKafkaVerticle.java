package org.openastro.alerts.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.openastro.alerts.AlertLifecycle;
import org.openastro.api.intake.MissionIntake;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GCN Kafka consumer in a process with the scheduler role: every scheduler instance joins the
 * one consumer group ({@code GCN_KAFKA_GROUP_ID}), so each notice is handled once (at least once,
 * idempotently). The consumer runs on a platform thread of its own; this verticle starts it and,
 * on undeploy, stops it (committing what was handled). Deploy it only when {@link #enabled} is true.
 */
public final class GcnKafkaVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GcnKafkaVerticle.class);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final GcnKafkaConfig kafka;
  private final AlertLifecycle lifecycle;
  private final GcnKafkaMetrics metrics;
  private final DeadLetters deadLetters;
  private GcnKafkaConsumer consumer;
  private Thread thread;

  public GcnKafkaVerticle(GcnKafkaConfig kafka, AlertLifecycle lifecycle, DeadLetters deadLetters,
      MeterRegistry registry) {
    this.kafka = kafka;
    this.lifecycle = lifecycle;
    this.deadLetters = deadLetters;
    this.metrics = new GcnKafkaMetrics(registry);
  }

  /**
   * The verticle of {@code config}, notices going through the {@link AlertLifecycle} over
   * {@code intake}, skipped records to {@code store}'s {@code alert_dead_letters} (prepares
   * statements: call at start-up, off the event loop). Throws ConfigException when the GCN Kafka
   * settings do not fit together.
   */
  public static GcnKafkaVerticle of(Config config, Store store, MissionIntake intake, MeterRegistry registry) {
    return new GcnKafkaVerticle(GcnKafkaConfig.from(config), AlertLifecycle.of(intake, config, store),
        DeadLetters.table(store.session()), registry);
  }

  /** True when {@code GCN_KAFKA_BOOTSTRAP_SERVERS} is set. */
  public static boolean enabled(Config config) {
    return config.get(GcnKafkaSettings.BOOTSTRAP_SERVERS) != null;
  }

  public GcnKafkaMetrics metrics() {
    return metrics;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> {
      // Building the client resolves the brokers' names and checks the settings: off the event loop.
      consumer = GcnKafkaConsumer.create(kafka, new AlertNoticeHandler(lifecycle, context), metrics, deadLetters);
      thread = new Thread(consumer, "openastro-gcn-kafka");
      thread.setDaemon(true);
      thread.start();
      LOG.info("GCN Kafka consumer started: {}", kafka);
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    if (consumer == null) {
      return Future.succeededFuture();
    }
    consumer.stop();
    return vertx.executeBlocking(() -> {
      if (!consumer.awaitFinished(STOP_TIMEOUT)) {
        LOG.warn("GCN Kafka consumer did not stop within {}", STOP_TIMEOUT);
      }
      return null;
    });
  }
}
