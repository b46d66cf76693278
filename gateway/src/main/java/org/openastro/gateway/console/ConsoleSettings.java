package org.openastro.gateway.console;

import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.intBetween;

import java.time.Duration;
import java.util.List;
import org.openastro.config.Setting;

/** Settings of the operator console's event stream ({@code GET /api/v1/events}). */
public final class ConsoleSettings {
  public static final Setting<Integer> EVENTS_CLIENT_BUFFER_BYTES = Setting.of("EVENTS_CLIENT_BUFFER_BYTES", "262144",
      "bytes of events queued for one event-stream client before it is written no more; a client whose queue"
          + " stays full for EVENTS_KEEPALIVE, or that falls EVENTS_REPLAY_SIZE events behind, is dropped (counted)",
      intBetween(1024, 64 * 1024 * 1024));

  public static final Setting<Duration> EVENTS_KEEPALIVE = Setting.of("EVENTS_KEEPALIVE", "15s",
      "a keep-alive comment goes to every event-stream client this often; keep it well below HTTP_IDLE_TIMEOUT",
      durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<Integer> EVENTS_REPLAY_SIZE = Setting.of("EVENTS_REPLAY_SIZE", "2000",
      "newest events kept for clients resuming with Last-Event-ID (and for clients catching up); a resume from"
          + " further back is told to reload (event 'reset')", intBetween(1, 1_000_000));

  public static final Setting<Integer> EVENTS_MAX_CLIENTS = Setting.of("EVENTS_MAX_CLIENTS", "200",
      "event-stream clients held at once per gateway; one more is answered 503", intBetween(0, 100_000));

  /** Every setting of the console, for the process's list of settings. */
  public static final List<Setting<?>> ALL = List.of(EVENTS_CLIENT_BUFFER_BYTES, EVENTS_KEEPALIVE, EVENTS_REPLAY_SIZE,
      EVENTS_MAX_CLIENTS);

  private ConsoleSettings() {}
}
