package org.openastro.gateway.ingest;

import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.intBetween;

import java.time.Duration;
import java.util.List;
import org.openastro.config.Setting;

/** Settings of the ingest path beyond the limits in GatewaySettings. */
public final class IngestSettings {
  public static final Setting<Duration> HEARTBEAT_EVENT_INTERVAL = Setting.of("HEARTBEAT_EVENT_INTERVAL", "100ms",
      "persisted heartbeats are published on openastro.node.heartbeat in one batch event at most this often"
          + " (0 = one event per heartbeat, still in the batch shape)", durationAtLeast(Duration.ZERO));

  public static final Setting<Integer> HEARTBEAT_BATCH_MAX_ROWS = Setting.of("HEARTBEAT_BATCH_MAX_ROWS", "10",
      "heartbeat history rows written in one unlogged batch (rows read in one event-loop turn whose partitions"
          + " share replicas; none waits for more); 10 = Cassandra's default"
          + " unlogged_batch_across_partitions_warn_threshold; 1 = one insert per heartbeat", intBetween(1, 100));

  public static final Setting<Integer> HEARTBEAT_BATCH_MAX_BYTES = Setting.of("HEARTBEAT_BATCH_MAX_BYTES", "4096",
      "estimated size limit of one heartbeat batch (telemetry makes rows bigger); under Cassandra's default"
          + " batch_size_warn_threshold of 5 KiB", intBetween(256, 1 << 20));

  public static final List<Setting<?>> ALL = List.of(HEARTBEAT_EVENT_INTERVAL, HEARTBEAT_BATCH_MAX_ROWS,
      HEARTBEAT_BATCH_MAX_BYTES);

  private IngestSettings() {}
}
