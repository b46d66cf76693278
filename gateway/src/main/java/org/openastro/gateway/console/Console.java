package org.openastro.gateway.console;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.openastro.api.http.ApiRoutes;
import org.openastro.config.Config;

/** The operator console: its page and files at {@code /}, and its live feed {@code GET /api/v1/events}. */
public final class Console {
  private Console() {}

  /** Reads the console's files from the jar (blocking): call at start-up, off the event loop. */
  public static List<ApiRoutes> routes(Config config, MeterRegistry registry) {
    EventStream stream = new EventStream(new EventStream.EventStreamLimits(
        config.get(ConsoleSettings.EVENTS_CLIENT_BUFFER_BYTES), config.get(ConsoleSettings.EVENTS_KEEPALIVE),
        config.get(ConsoleSettings.EVENTS_REPLAY_SIZE), config.get(ConsoleSettings.EVENTS_MAX_CLIENTS)),
        new EventStreamMetrics(registry));
    return List.of(new ConsoleRoutes(ConsoleAssets.load()), new EventStreamRoutes(stream));
  }
}
