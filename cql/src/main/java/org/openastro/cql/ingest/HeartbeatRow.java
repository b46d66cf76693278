package org.openastro.cql.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One heartbeat as stored; {@code status} null = "unchanged", {@code telemetry} is compact JSON or null. */
public record HeartbeatRow(UUID nodeId, Instant receivedAt, String source, String status,
    UUID currentTaskId, String telemetry) {
  private static final long SECONDS_PER_DAY = 86_400;

  /** The UTC day a heartbeat received at {@code at} is stored under (its partition's day). */
  public static LocalDate dayOf(Instant at) {
    return LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY));
  }

  /**
   * About what the row adds to a batch's size as Cassandra measures it against
   * batch_size_warn_threshold: values plus per-cell timestamp/TTL overhead (an estimate; text
   * counted one byte per char).
   */
  public int estimatedBytes() {
    return 96 + source.length() + (status == null ? 0 : status.length()) + (currentTaskId == null ? 0 : 32)
        + (telemetry == null ? 0 : 16 + telemetry.length());
  }
}
