package org.openastro.bench.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openastro.testsupport.kafka.KafkaTestBroker;

/**
 * The GCN Kafka side of the alert benchmark, {@code source=kafka}: a real Kafka broker (KRaft, in
 * a child JVM, the tests' {@link KafkaTestBroker}), the settings that point the system's GCN Kafka
 * consumer at it, and a producer that plays GCN. A notice counts as produced when the broker has
 * acknowledged it ({@code acks=all}): that is the moment GCN's own stream would hold it, the
 * counterpart of the HTTP answer in the HTTP alert phase.
 *
 * <p>Start it before the system (the consumer's settings are read at start-up) and close it after
 * the system (the consumer commits its offsets on stop): {@link #close()} stops the producer and
 * the broker's child JVM and deletes its data, whatever happened before.
 */
final class KafkaAlerts implements AutoCloseable {
  /** The topic GCN publishes Swift/BAT-GUANO JSON notices on: the shape the benchmark's alerts have. */
  static final String TOPIC = "gcn.notices.swift.bat.guano";
  /** Fixed, as the README asks of a real deployment; the broker is new each run, so it starts empty. */
  static final String GROUP = "openastro-alert-benchmark";

  private final KafkaTestBroker broker;
  private KafkaProducer<String, String> producer;

  private KafkaAlerts(KafkaTestBroker broker) {
    this.broker = broker;
  }

  /** Starts the broker and creates the topic, one partition: notices stay in order, as on GCN's side. */
  static KafkaAlerts start() {
    KafkaTestBroker broker = KafkaTestBroker.start();
    KafkaAlerts kafka = new KafkaAlerts(broker);
    try {
      broker.createTopics(1, TOPIC);
      // linger 0: each notice goes out at once, as a GCN notice does; acks=all: "produced" means stored.
      kafka.producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all",
          "linger.ms", 0, "enable.idempotence", true), new StringSerializer(), new StringSerializer());
      return kafka;
    } catch (RuntimeException | Error e) {
      kafka.close();
      throw e;
    }
  }

  /** What the system needs to consume the benchmark's notices (system settings). */
  Map<String, String> systemSettings() {
    return Map.of("GCN_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
        "GCN_KAFKA_SECURITY", "plaintext",
        "GCN_KAFKA_TOPICS", TOPIC,
        "GCN_KAFKA_GROUP_ID", GROUP,
        // a notice produced before the group's first assignment would be skipped with "latest"
        "GCN_KAFKA_OFFSET_RESET", "earliest");
  }

  String describe() {
    return String.format("Kafka broker (pid %d) on %s up after %.1f s, topic %s, group %s", broker.pid(),
        broker.bootstrapServers(), broker.startedIn().toMillis() / 1e3, TOPIC, GROUP);
  }

  /**
   * Waits until the system's consumer holds the topic's partition, so the measured notices do not
   * include the group's first join (seconds; a one-off at start-up, not an alert's latency).
   */
  void awaitConsumerAssigned(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = broker.admin()) {
      while (true) {
        try {
          ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
              .get(10, TimeUnit.SECONDS).get(GROUP);
          if (group != null && group.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
              .anyMatch(tp -> tp.topic().equals(TOPIC))) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          // the group coordinator may not be ready yet: ask again
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the system's GCN Kafka consumer (group " + GROUP + ") was not assigned "
              + TOPIC + " within " + timeout);
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Produces one notice and returns {@link System#nanoTime()} when the broker acknowledged it; keyed
   * by the notice's event, as the event's later notices would be, so they share a partition.
   */
  long produce(String eventKey, String notice) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, eventKey, notice)).get(30, TimeUnit.SECONDS);
    return System.nanoTime();
  }

  /** Stops the producer and the broker's child JVM (SIGTERM, then SIGKILL) and deletes its data. */
  @Override
  public void close() {
    try {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
    } finally {
      broker.close();
    }
  }
}
