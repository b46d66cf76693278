package org.openastro.app;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.util.List;
import org.openastro.cassandra.local.LocalCassandraNode;
import org.openastro.cassandra.local.LocalNodeOptions;
import org.openastro.config.Config;
import org.openastro.cql.CassandraSettings;
import org.openastro.cql.CqlSessions;
import org.openastro.cql.schema.SchemaApplier;
import org.openastro.cql.schema.WriteDurability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's Cassandra: the configured cluster, or else a local node launched (or reused) for
 * it; the schema applied; one session bound to the keyspace. Blocking: start-up thread only.
 */
final class Storage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

  private final LocalCassandraNode localNode;
  private final CqlSession session;

  private Storage(LocalCassandraNode localNode, CqlSession session) {
    this.localNode = localNode;
    this.session = session;
  }

  static Storage open(Config config) {
    return open(config, null);
  }

  /** With {@code meterRegistry} (Micrometer, or null) the driver's request timers go into it. */
  static Storage open(Config config, Object meterRegistry) {
    LocalCassandraNode node = null;
    List<InetSocketAddress> contactPoints;
    String dc;
    if (config.isSet(CassandraSettings.CONTACT_POINTS)) {
      contactPoints = config.get(CassandraSettings.CONTACT_POINTS);
      dc = config.get(CassandraSettings.LOCAL_DC);
      LOG.info("Using the Cassandra cluster at {} (datacenter {})", contactPoints, dc);
    } else {
      LocalNodeOptions options = LocalNodeOptions.defaults(config.get(LocalNodeSettings.DATA_DIR).toAbsolutePath())
          .withNativePort(config.get(CassandraSettings.PORT))
          .withStoragePort(config.get(LocalNodeSettings.STORAGE_PORT))
          .withHeapMb(config.get(LocalNodeSettings.HEAP_MB))
          .withStartTimeout(config.get(LocalNodeSettings.START_TIMEOUT));
      LOG.info("CASSANDRA_CONTACT_POINTS is not set: starting a local Cassandra node in {}",
          options.dataDirectory());
      node = LocalCassandraNode.start(options);
      contactPoints = List.of(node.cqlAddress());
      dc = node.datacenter();
    }
    try {
      String keyspace = config.get(CassandraSettings.KEYSPACE_NAME);
      try (CqlSession schemaSession = CqlSessions.open(config, contactPoints, dc, null)) {
        new SchemaApplier(schemaSession, keyspace, config.get(CassandraSettings.REPLICATION),
            config.get(CassandraSettings.SCHEMA_TIMEOUT)).apply();
        WriteDurability.riskOf(schemaSession, keyspace, dc).ifPresent(risk ->
            LOG.warn("Acknowledged reports may not survive the loss of one Cassandra process: {}", risk));
      }
      return new Storage(node, CqlSessions.open(config, contactPoints, dc, keyspace, meterRegistry));
    } catch (RuntimeException e) {
      if (node != null) {
        node.close();
      }
      throw e;
    }
  }

  CqlSession session() {
    return session;
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      if (localNode != null) {
        localNode.close();
      }
    }
  }
}
