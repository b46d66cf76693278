package org.openastro.cassandra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where everything of one node lives under its data directory. */
record NodeLayout(Path root) {

  Path data() {
    return root.resolve("data");
  }

  Path commitLog() {
    return root.resolve("commitlog");
  }

  Path hints() {
    return root.resolve("hints");
  }

  Path savedCaches() {
    return root.resolve("saved_caches");
  }

  Path cdcRaw() {
    return root.resolve("cdc_raw");
  }

  /** Cassandra warns at start-up when its triggers directory does not exist. */
  Path triggers() {
    return root.resolve("triggers");
  }

  /** The child's java.io.tmpdir: native libraries Cassandra unpacks (snappy, lz4, jna) stay with the node. */
  Path tmp() {
    return root.resolve("tmp");
  }

  Path conf() {
    return root.resolve("conf");
  }

  Path cassandraYaml() {
    return conf().resolve("cassandra.yaml");
  }

  Path logbackXml() {
    return conf().resolve("logback.xml");
  }

  /** Holds the copied {@link ParentWatchingMain} class file. */
  Path launcherClasses() {
    return root.resolve("launcher");
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path logFile() {
    return logs().resolve("cassandra.log");
  }

  /** Locked by the child JVM while it runs, so two nodes never share the data. */
  Path lockFile() {
    return root.resolve("node.lock");
  }

  void createDirectories() {
    for (Path dir : List.of(root, data(), commitLog(), hints(), savedCaches(), cdcRaw(), triggers(), tmp(), conf(),
        launcherClasses(), logs())) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create the node directory " + dir, e);
      }
    }
  }
}
