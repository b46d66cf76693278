package org.openastro.gateway.ingest;

import static org.openastro.config.Parsers.durationAtLeast;

import java.time.Duration;
import java.util.List;
import org.openastro.config.Setting;

/** Settings of the ingest path beyond the limits in GatewaySettings. */
public final class IngestSettings {
  public static final Setting<Duration> HEARTBEAT_EVENT_INTERVAL = Setting.of("HEARTBEAT_EVENT_INTERVAL", "100ms",
      "persisted heartbeats are published on openastro.node.heartbeat in one batch event at most this often"
          + " (0 = one event per heartbeat, still in the batch shape)", durationAtLeast(Duration.ZERO));

  public static final List<Setting<?>> ALL = List.of(HEARTBEAT_EVENT_INTERVAL);

  private IngestSettings() {}
}
