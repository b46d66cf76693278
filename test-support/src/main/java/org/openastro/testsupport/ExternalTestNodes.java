package org.openastro.testsupport;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The route to a node somebody else runs: nothing to start, nothing to stop. */
final class ExternalTestNodes {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalTestNodes.class);

  private ExternalTestNodes() {
  }

  static StartedTestNode use(TestNodeSettings settings) {
    InetSocketAddress contactPoint = settings.externalContactPoint().orElseThrow(() -> new IllegalStateException(
        TestNodeSettings.ROUTE + "=external needs " + TestNodeSettings.CONTACT_POINT
            + "=host:port (and " + TestNodeSettings.DATACENTER + " unless it is "
            + TestNodeSettings.DEFAULT_DATACENTER + ")"));
    LOG.info("Cassandra for tests: external node at {}, datacenter {} (from {} and {})",
        contactPoint, settings.externalDatacenter(), TestNodeSettings.CONTACT_POINT, TestNodeSettings.DATACENTER);
    CassandraTestNode node = new CassandraTestNode(contactPoint, settings.externalDatacenter(), "external node");
    return new StartedTestNode(node, () -> { });
  }
}
