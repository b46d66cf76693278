package org.openastro.cassandra.local;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several real Cassandra nodes on loopback addresses of this machine, {@code 127.0.0.1},
 * {@code 127.0.0.2} ... each in its own child JVM with the same native and storage ports, seeded
 * by the first: a replicated cluster for tests and failure runs (one datacenter,
 * {@code datacenter1}; replicate with {@code NetworkTopologyStrategy {'datacenter1': 3}}).
 *
 * <p>Node {@code i} (from 1) keeps its data under {@code <dataDirectory>/node<i>}; starting again on
 * the same directory brings the same cluster back. Each node is a {@link LocalCassandraNode}: it is
 * relaunched when it dies (unless {@link LocalNodeOptions#relaunchOnExit()} is off) and stopped by
 * {@link #close()}. Linux routes all of 127.0.0.0/8 to the loopback interface; other systems may
 * need the extra addresses configured.
 */
public final class LocalCassandraCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCassandraCluster.class);
  public static final int DEFAULT_SIZE = 3;
  /** Beyond this the machine, not the cluster, would be under test. */
  public static final int MAX_SIZE = 9;

  private final List<LocalCassandraNode> nodes;

  private LocalCassandraCluster(List<LocalCassandraNode> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts {@code size} nodes with {@code options} but for host, data directory, seeds and reuse
   * (never); {@code options.dataDirectory()} is the cluster's. Ports 0 pick ports free on every
   * address. The seed starts first; the others join it one after another (Cassandra wants one
   * joining node at a time). Blocks until every node answers CQL.
   */
  public static LocalCassandraCluster start(LocalNodeOptions options, int size) {
    Objects.requireNonNull(options, "options");
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1-" + MAX_SIZE + ", was " + size);
    }
    List<String> hosts = IntStream.rangeClosed(1, size).mapToObj(LocalCassandraCluster::host).toList();
    LocalNodeOptions ports = withPortsFreeOnAll(options, hosts);
    String seeds = hosts.get(0) + ":" + ports.storagePort();
    List<LocalCassandraNode> started = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        LocalNodeOptions nodeOptions = ports
            .withDataDirectory(options.dataDirectory().resolve("node" + (i + 1)))
            .withHost(hosts.get(i))
            .withSeeds(seeds)
            .withReuseRunningNode(false);
        started.add(LocalCassandraNode.start(nodeOptions));
      }
    } catch (RuntimeException | Error e) {
      new LocalCassandraCluster(started).close();
      throw e;
    }
    LOG.info("Local Cassandra cluster of {} nodes on {} (CQL port {}, storage port {}), data {}",
        size, hosts, ports.nativePort(), ports.storagePort(), options.dataDirectory());
    return new LocalCassandraCluster(started);
  }

  /** The address of node {@code number} (from 1). */
  static String host(int number) {
    return "127.0.0." + number;
  }

  private static LocalNodeOptions withPortsFreeOnAll(LocalNodeOptions options, List<String> hosts) {
    if (options.nativePort() != 0 && options.storagePort() != 0) {
      return options;
    }
    return NodeLauncher.withConcretePorts(options, FreePort.pickOnAll(hosts, 2));
  }

  /** The nodes, the seed first. */
  public List<LocalCassandraNode> nodes() {
    return nodes;
  }

  /** Every node's CQL address: the contact points of a driver session. */
  public List<InetSocketAddress> contactPoints() {
    return nodes.stream().map(LocalCassandraNode::cqlAddress).toList();
  }

  /** The one datacenter of the cluster. */
  public String datacenter() {
    return nodes.get(0).datacenter();
  }

  /** Stops every node, all at once. Idempotent. */
  @Override
  public void close() {
    CompletableFuture.allOf(nodes.stream()
            .map(node -> CompletableFuture.runAsync(node::close, runnable -> {
              Thread thread = new Thread(runnable, "openastro-cassandra-cluster-stop");
              thread.start();
            }))
            .toArray(CompletableFuture[]::new))
        .join();
  }

  @Override
  public String toString() {
    return "LocalCassandraCluster" + nodes;
  }
}
