package org.openastro.alerts.kafka;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a record the consumer skips is recorded. Called on the consumer's thread, which may block;
 * a failure to record is a storage failure (retried, not skipped), so nothing vanishes unrecorded.
 */
@FunctionalInterface
public interface DeadLetters {
  /** Keeps at most this much of a skipped record's value. */
  int MAX_BODY_CHARS = 64 * 1024;

  void record(ConsumerRecord<byte[], byte[]> record, String code, String message) throws Exception;

  /** Only the WARN log line and the counter (which the consumer writes anyway). */
  static DeadLetters none() {
    return (record, code, message) -> { };
  }

  /** The {@code alert_dead_letters} table (schema V007). Prepares a statement: build at start-up. */
  static DeadLetters table(CqlSession session) {
    PreparedStatement insert = session.prepare("INSERT INTO alert_dead_letters (topic, day, kafka_partition,"
        + " kafka_offset, record_time, code, message, body, body_bytes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return (record, code, message) -> {
      // The record's own time picks the day, so a redelivery rewrites the same row.
      Instant recordTime = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
      byte[] value = record.value() == null ? new byte[0] : record.value();
      session.execute(insert.bind(record.topic(), LocalDate.ofInstant(recordTime, ZoneOffset.UTC), record.partition(),
              record.offset(), recordTime, code, message, bodyText(value), value.length, Instant.now())
          .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
          .setTimeout(Duration.ofSeconds(10)));
    };
  }

  /** The value as text (invalid UTF-8 replaced), cut to {@link #MAX_BODY_CHARS}. */
  static String bodyText(byte[] value) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(value)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      text = "";
    }
    return text.length() <= MAX_BODY_CHARS ? text : text.substring(0, MAX_BODY_CHARS);
  }
}
