package org.openastro.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the route from the settings and starts (or finds) the node. */
final class TestNodeStarter {

  private static final Logger LOG = LoggerFactory.getLogger(TestNodeStarter.class);

  private TestNodeStarter() {
  }

  static StartedTestNode start(TestNodeSettings settings) {
    long started = System.nanoTime();
    StartedTestNode node = switch (settings.route()) {
      case EXTERNAL -> ExternalTestNodes.use(settings);
      case DOCKER -> DockerTestNodes.start(TestNodeSettings.ROUTE + "=docker");
      case LOCAL -> startLocal(TestNodeSettings.ROUTE + "=local");
      case AUTO -> DockerTestNodes.dockerAvailable()
          ? DockerTestNodes.start(TestNodeSettings.ROUTE + "=auto, Docker is available")
          : startLocal(TestNodeSettings.ROUTE + "=auto, Docker is not available");
    };
    LOG.info("Cassandra for tests ready after {} ms: {}", (System.nanoTime() - started) / 1_000_000, node.node());
    return node;
  }

  private static StartedTestNode startLocal(String why) {
    try {
      return LocalTestNodes.start(why);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for the local test node", e);
    }
  }
}
