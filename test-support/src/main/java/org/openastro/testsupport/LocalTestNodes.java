package org.openastro.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openastro.cassandra.local.LocalCassandraNode;
import org.openastro.cassandra.local.LocalNodeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The route without Docker: a LocalCassandraNode on free ports in a temporary directory. */
final class LocalTestNodes {

  private static final Logger LOG = LoggerFactory.getLogger(LocalTestNodes.class);
  static final String TEMP_DIRECTORY_PREFIX = "openastro-test-cassandra-";

  private LocalTestNodes() {
  }

  static StartedTestNode start(String why) throws IOException {
    Path dataDirectory = Files.createTempDirectory(TEMP_DIRECTORY_PREFIX);
    // On failure the directory stays: the exception names the node's log inside it.
    LocalCassandraNode node = LocalCassandraNode.start(
        LocalNodeOptions.defaults(dataDirectory).withFreePorts().withoutSystemTableSync());
    CassandraTestNode testNode = new CassandraTestNode(node.cqlAddress(), node.datacenter(),
        "local node pid " + node.pid() + " in " + dataDirectory);
    LOG.info("Cassandra for tests: local node ({}) at {}, datacenter {}, pid {}, log {}",
        why, node.cqlAddress(), node.datacenter(), node.pid(), node.logFile());
    return new StartedTestNode(testNode, () -> {
      node.close();
      deleteRecursively(dataDirectory);
      LOG.info("Cassandra for tests: local node pid {} stopped, {} deleted", node.pid(), dataDirectory);
    });
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
