package org.openastro.testsupport;

/**
 * The test node as kept in JUnit's root store: JUnit closes it when the whole test run ends,
 * which stops whatever the route started.
 */
final class StartedTestNode implements AutoCloseable {

  /** What stops the node; nothing for an external one. */
  @FunctionalInterface
  interface Stopper {
    void stop() throws Exception;
  }

  private final CassandraTestNode node;
  private final Stopper stopper;

  StartedTestNode(CassandraTestNode node, Stopper stopper) {
    this.node = node;
    this.stopper = stopper;
  }

  CassandraTestNode node() {
    return node;
  }

  @Override
  public void close() throws Exception {
    stopper.stop();
  }
}
