package org.openastro.app;

import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.intBetween;
import static org.openastro.config.Parsers.path;
import static org.openastro.config.Parsers.port;

import java.nio.file.Path;
import java.time.Duration;
import org.openastro.config.Setting;

/** Settings of the embedded local Cassandra node (used only when CASSANDRA_CONTACT_POINTS is unset). */
final class LocalNodeSettings {
  static final Setting<Path> DATA_DIR = Setting.of("CASSANDRA_LOCAL_DATA_DIR", "data/cassandra",
      "data directory of the local node (relative to the working directory); kept across restarts",
      path());

  static final Setting<Integer> STORAGE_PORT = Setting.of("CASSANDRA_LOCAL_STORAGE_PORT", "7000",
      "inter-node port of the local node", port());

  static final Setting<Integer> HEAP_MB = Setting.of("CASSANDRA_LOCAL_HEAP_MB", "1024",
      "heap of the local node's JVM in MiB", intBetween(512, 16384));

  static final Setting<Duration> START_TIMEOUT = Setting.of("CASSANDRA_LOCAL_START_TIMEOUT", "120s",
      "how long to wait for the local node to answer CQL", durationAtLeast(Duration.ofSeconds(5)));

  private LocalNodeSettings() {}
}
