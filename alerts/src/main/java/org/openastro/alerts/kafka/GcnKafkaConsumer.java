package org.openastro.alerts.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.openastro.alerts.NoticeOutcome.Kind;
import org.openastro.alerts.kafka.NoticeHandler.UnreadableNoticeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads GCN notices from Kafka on a thread of its own (never an event loop) and hands each to a
 * {@link NoticeHandler}. Delivery is at least once: a record's offset is committed only after its
 * outcome is stored, so a crash or a rebalance redelivers what was not committed, and the
 * handler's idempotence (mission id derived from the event) makes a redelivery change nothing.
 *
 * <ul>
 *   <li>An unreadable record (not a known alert, no position, not UTF-8 text) is
 *       logged at WARN with topic/partition/offset, counted, and skipped: it never blocks its
 *       partition.
 *   <li>A storage failure skips nothing: the partitions of the batch are sought back to their first
 *       unhandled record and polled again after a backoff (0.5 s doubling to 30 s), which keeps the
 *       consumer in its group while Cassandra is away.
 * </ul>
 */
public final class GcnKafkaConsumer implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(GcnKafkaConsumer.class);
  static final Duration POLL = Duration.ofMillis(500);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Consumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final NoticeHandler handler;
  private final GcnKafkaMetrics metrics;
  private final DeadLetters deadLetters;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean running = true;
  /** Next offset to commit per partition: handled but not yet committed. Consumer thread only. */
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
  private Duration backoff = FIRST_BACKOFF;

  GcnKafkaConsumer(Consumer<byte[], byte[]> consumer, List<String> topics, NoticeHandler handler,
      GcnKafkaMetrics metrics, DeadLetters deadLetters) {
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.handler = handler;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
  }

  /** A consumer with a real Kafka client of {@code config}; sets the JVM's allowed token URLs for oidc. */
  public static GcnKafkaConsumer create(GcnKafkaConfig config, NoticeHandler handler, GcnKafkaMetrics metrics,
      DeadLetters deadLetters) {
    synchronized (GcnKafkaConfig.class) {
      String allowed = config.allowedUrlsWith(System.getProperty(GcnKafkaConfig.ALLOWED_URLS_PROPERTY));
      if (allowed != null) {
        // Kafka 4 clients call no token endpoint that this JVM-wide list does not name.
        System.setProperty(GcnKafkaConfig.ALLOWED_URLS_PROPERTY, allowed);
      }
    }
    return new GcnKafkaConsumer(new KafkaConsumer<>(config.consumerProperties()), config.topics(), handler, metrics,
        deadLetters);
  }

  /** Asks the loop to end (wakes a blocked poll); {@link #awaitFinished} waits for it. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(topics, new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          // Hand over what was handled, so the next owner starts after it.
          commitPending();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          LOG.info("GCN Kafka: assigned {}", partitions);
        }
      });
      LOG.info("GCN Kafka consumer reading {}", topics);
      while (running) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL);
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          // E.g. the brokers refuse the credentials: say so and keep trying, never die silently.
          LOG.error("GCN Kafka: poll failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
          backOff();
          continue;
        }
        boolean stalled = handleBatch(records);
        commitPending();
        updateLag();
        if (stalled) {
          backOff();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("GCN Kafka consumer woken up unexpectedly", e);
      }
    } catch (RuntimeException | Error e) {
      LOG.error("GCN Kafka consumer stopped by an unexpected failure", e);
      throw e;
    } finally {
      try {
        commitPending();
      } catch (RuntimeException e) {
        LOG.warn("GCN Kafka: could not commit the last offsets on stop (they will be redelivered)", e);
      } finally {
        consumer.close(Duration.ofSeconds(10));
        finished.countDown();
        LOG.info("GCN Kafka consumer stopped");
      }
    }
  }

  /** Handles every record of the batch in partition order; true when a storage failure stalled it. */
  private boolean handleBatch(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        if (!running) {
          rewind(records, partition, record.offset());
          return false;
        }
        if (!handle(record)) {
          rewind(records, partition, record.offset());
          return true;
        }
        pending.put(partition, new OffsetAndMetadata(record.offset() + 1));
      }
    }
    return false;
  }

  /** True when the record is done with (stored or skipped); false after a failure worth retrying. */
  private boolean handle(ConsumerRecord<byte[], byte[]> record) {
    try {
      if (record.value() == null || record.value().length == 0) {
        throw new UnreadableNoticeException("empty", "the record has no value");
      }
      String body = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(record.value())).toString();
      Kind outcome = handler.handle(record.topic(), body);
      metrics.outcomes.count(outcome);
      if (outcome == Kind.CREATED) {
        metrics.created.increment();
      } else if (outcome == Kind.UNCHANGED || outcome == Kind.STALE) {
        metrics.duplicates.increment();
      }
      metrics.consumed.increment();
      backoff = FIRST_BACKOFF;
      LOG.debug("GCN Kafka {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), outcome);
      return true;
    } catch (UnreadableNoticeException e) {
      return skip(record, e.code(), e.getMessage());
    } catch (java.nio.charset.CharacterCodingException e) {
      return skip(record, "not_utf8", "the record's value is not UTF-8 text");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return false;
    } catch (Exception e) {
      metrics.storageRetries.increment();
      LOG.warn("GCN Kafka {}-{}@{}: the alert's mission could not be stored, retrying in {} ms (not committed): {}",
          record.topic(), record.partition(), record.offset(), backoff.toMillis(), e.toString());
      return false;
    }
  }

  /** Records the dead letter; true when done (skip it), false when recording failed (retry it). */
  private boolean skip(ConsumerRecord<byte[], byte[]> record, String code, String message) {
    try {
      deadLetters.record(record, code, message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return false;
    } catch (Exception e) {
      metrics.storageRetries.increment();
      LOG.warn("GCN Kafka {}-{}@{}: unreadable ({}), and its dead letter could not be stored, retrying in {} ms: {}",
          record.topic(), record.partition(), record.offset(), code, backoff.toMillis(), e.toString());
      return false;
    }
    metrics.parseFailures.increment();
    metrics.consumed.increment();
    backoff = FIRST_BACKOFF;
    LOG.warn("GCN Kafka {}-{}@{}: skipped, not an alert we can act on ({}): {}", record.topic(), record.partition(),
        record.offset(), code, message);
    return true;
  }

  /** Seeks every partition of the batch back to its first record not yet handled. */
  private void rewind(ConsumerRecords<byte[], byte[]> records, TopicPartition failedPartition, long failedOffset) {
    for (TopicPartition partition : records.partitions()) {
      long first;
      if (partition.equals(failedPartition)) {
        first = failedOffset;
      } else {
        OffsetAndMetadata done = pending.get(partition);
        long batchFirst = records.records(partition).get(0).offset();
        first = done != null && done.offset() > batchFirst ? done.offset() : batchFirst;
        List<ConsumerRecord<byte[], byte[]>> rs = records.records(partition);
        if (first > rs.get(rs.size() - 1).offset()) {
          continue; // all handled
        }
      }
      consumer.seek(partition, first);
    }
  }

  /**
   * Commits what was handled. A commit that fails (e.g. the partitions went to another consumer
   * meanwhile) loses nothing: the records are redelivered, and handling them again changes nothing.
   */
  private void commitPending() {
    if (pending.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(Map.copyOf(pending));
    } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn("GCN Kafka: commit of {} failed, those records will be redelivered: {}", pending, e.toString());
    } finally {
      pending.clear();
    }
  }

  private void backOff() {
    sleep(backoff);
    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
  }

  private void updateLag() {
    long sum = 0;
    for (TopicPartition p : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(p);
      if (lag.isPresent()) {
        sum += lag.getAsLong();
      }
    }
    metrics.lag.set(sum);
  }

  /** Sleeps {@code d}, or less when asked to stop. */
  private void sleep(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    try {
      while (running && System.nanoTime() < end) {
        Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
