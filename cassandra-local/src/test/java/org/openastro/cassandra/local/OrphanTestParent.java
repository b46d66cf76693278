package org.openastro.cassandra.local;

import java.nio.file.Path;
import java.time.Duration;

/** Main class of the throw-away parent JVM of {@link OrphanedNodeTest}. */
final class OrphanTestParent {

  static final String PID_PREFIX = "CASSANDRA_CHILD_PID=";

  private OrphanTestParent() {
  }

  public static void main(String[] args) throws InterruptedException {
    LocalNodeOptions options = LocalNodeOptions.defaults(Path.of(args[0]))
        .withFreePorts()
        .withStopTimeout(Duration.ofSeconds(10));
    LocalCassandraNode node = LocalCassandraNode.start(options);
    System.out.println(PID_PREFIX + node.pid());
    System.out.flush();
    // Wait to be SIGKILLed by the test.
    Thread.currentThread().join();
  }
}
