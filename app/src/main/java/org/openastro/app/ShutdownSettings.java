package org.openastro.app;

import static org.openastro.config.Parsers.durationAtLeast;

import java.time.Duration;
import org.openastro.config.Setting;

/** How long a stopping process waits for each part to close. */
final class ShutdownSettings {
  static final Setting<Duration> GRACE = Setting.of("SHUTDOWN_GRACE", "20s",
      "time given to verticles and connections to close on SIGTERM before the process exits",
      durationAtLeast(Duration.ofSeconds(1)));

  private ShutdownSettings() {}
}
