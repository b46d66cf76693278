package org.openastro.cql.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a write acknowledged at LOCAL_QUORUM survives the loss of one Cassandra process: it
 * does when the quorum holds it in two processes (two or more replicas in the local datacenter),
 * or when every replica puts it on disk before answering (commit log in {@code group} or
 * {@code batch} mode). With one replica and {@code periodic} sync, a killed process loses what it
 * acknowledged in the last sync period. Pure: the caller reads the facts from the cluster.
 */
public final class WriteDurability {
  private WriteDurability() {}

  /**
   * Why acknowledged writes could be lost, or empty when they cannot.
   *
   * @param replication the keyspace's replication map as stored ({@code class} plus factors)
   * @param localDc the driver's local datacenter
   * @param commitlogSync the nodes' {@code commitlog_sync} setting; null when it cannot be read
   */
  public static Optional<String> risk(Map<String, String> replication, String localDc, String commitlogSync) {
    int localReplicas = localReplicas(replication, localDc);
    int quorum = localReplicas / 2 + 1;
    if (quorum >= 2) {
      return Optional.empty();
    }
    String sync = commitlogSync == null ? null : commitlogSync.trim().toLowerCase(Locale.ROOT);
    if ("group".equals(sync) || "batch".equals(sync)) {
      return Optional.empty();
    }
    return Optional.of("writes are acknowledged at LOCAL_QUORUM by " + quorum + " of " + localReplicas
        + " replica(s) in datacenter " + localDc + " with commitlog_sync "
        + (sync == null ? "unknown (assumed periodic)" : sync)
        + ": an acknowledged write can be lost when one Cassandra process dies; use a replication factor of"
        + " at least 3 in that datacenter (CASSANDRA_REPLICATION) or commitlog_sync group or batch");
  }

  static int localReplicas(Map<String, String> replication, String localDc) {
    String strategy = replication.getOrDefault("class", "");
    String factor = strategy.endsWith("SimpleStrategy") ? replication.get("replication_factor") : replication.get(localDc);
    if (factor == null) {
      return 0;
    }
    try {
      // Cassandra 4+ may store "3/1" (replicas/transient): a transient replica takes writes too
      return Integer.parseInt(factor.split("/")[0].trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The replication map and commit-log mode of {@code keyspace}, read from the cluster; logs nothing. */
  public static Optional<String> riskOf(CqlSession session, String keyspace, String localDc) {
    Row row = session.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?",
        keyspace).one();
    Map<String, String> replication = row == null ? Map.of() : row.getMap("replication", String.class, String.class);
    String sync;
    try {
      Row setting = session.execute("SELECT value FROM system_views.settings WHERE name = 'commitlog_sync'").one();
      sync = setting == null ? null : setting.getString("value");
    } catch (RuntimeException e) {
      sync = null; // ScyllaDB and older versions have no settings view
    }
    return risk(replication, localDc, sync);
  }
}
