package org.openastro.cassandra.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one local Apache Cassandra node in a child JVM.
 *
 * @param dataDirectory    data, commitlog, hints, saved_caches, cdc_raw, the generated configuration
 *                         and the node's log ({@code logs/cassandra.log}) all live under it; starting
 *                         again on the same directory keeps the data
 * @param host             listen and rpc address of the node
 * @param nativePort       CQL port; 0 picks a free port at start
 * @param storagePort      inter-node (gossip) port; 0 picks a free port at start
 * @param clusterName      must stay the same for the lifetime of the data directory
 * @param heapMb           -Xms and -Xmx of the child JVM
 * @param startTimeout     how long {@link LocalCassandraNode#start} waits for CQL to answer
 * @param stopTimeout      how long {@link LocalCassandraNode#close} waits after SIGTERM before killing;
 *                         also how long an orphaned child may drain before it halts itself
 * @param reuseRunningNode when a CQL node already answers on {@code host:nativePort}, use it and
 *                         launch nothing (never applies to {@code nativePort} 0)
 * @param syncSystemTables fsync Cassandra's system tables (true but for throwaway test nodes)
 * @param commitLogSync    when a write is acknowledged with respect to the commit log reaching the
 *                         disk; default {@link CommitLogSync#DEFAULT} (group commit, 2 ms window:
 *                         acknowledged writes survive a {@code kill -9} of the node)
 * @param relaunchOnExit   when the child dies without {@link LocalCassandraNode#close} (killed,
 *                         crashed, out of memory), launch it again on the same data directory and
 *                         ports, with a growing pause between failed attempts (see
 *                         {@link NodeSupervisor}); default true
 * @param seeds            {@code host:storage_port,...} of the cluster's seed nodes; empty (the
 *                         default): the node is its own seed, a cluster of one. See
 *                         {@link LocalCassandraCluster}
 * @param security         what the node asks of CQL clients; default {@link NodeSecurity#NONE}
 *                         (any client, plain text)
 */
public record LocalNodeOptions(
    Path dataDirectory,
    String host,
    int nativePort,
    int storagePort,
    String clusterName,
    int heapMb,
    Duration startTimeout,
    Duration stopTimeout,
    boolean reuseRunningNode,
    boolean syncSystemTables,
    CommitLogSync commitLogSync,
    boolean relaunchOnExit,
    String seeds,
    NodeSecurity security) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_NATIVE_PORT = 9042;
  public static final int DEFAULT_STORAGE_PORT = 7000;
  public static final String DEFAULT_CLUSTER_NAME = "openastro-local";
  public static final int DEFAULT_HEAP_MB = 1024;
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
  /** Below this Cassandra 5 does not get through start-up reliably. */
  public static final int MIN_HEAP_MB = 256;

  public LocalNodeOptions {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    requireText(host, "host");
    requireText(clusterName, "clusterName");
    requirePort(nativePort, "nativePort");
    requirePort(storagePort, "storagePort");
    if (nativePort != 0 && nativePort == storagePort) {
      throw new IllegalArgumentException("nativePort and storagePort must differ, both are " + nativePort);
    }
    if (heapMb < MIN_HEAP_MB) {
      throw new IllegalArgumentException("heapMb must be at least " + MIN_HEAP_MB + ", was " + heapMb);
    }
    requirePositive(startTimeout, "startTimeout");
    requirePositive(stopTimeout, "stopTimeout");
    Objects.requireNonNull(commitLogSync, "commitLogSync");
    seeds = seeds == null ? "" : seeds.strip();
    security = security == null ? NodeSecurity.NONE : security;
  }

  /**
   * The defaults on this directory: 127.0.0.1:9042, storage 7000, 1 GB heap, reuse a running node,
   * group commit (2 ms), relaunch a dead node, plain CQL open to any client.
   */
  public static LocalNodeOptions defaults(Path dataDirectory) {
    return new LocalNodeOptions(dataDirectory, DEFAULT_HOST, DEFAULT_NATIVE_PORT, DEFAULT_STORAGE_PORT,
        DEFAULT_CLUSTER_NAME, DEFAULT_HEAP_MB, DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT, true, true,
        CommitLogSync.DEFAULT, true, "", NodeSecurity.NONE);
  }

  /** Free native and storage ports, never reusing a running node: what a test node wants. */
  public LocalNodeOptions withFreePorts() {
    return withNativePort(0).withStoragePort(0).withReuseRunningNode(false);
  }

  public LocalNodeOptions withDataDirectory(Path value) {
    return new LocalNodeOptions(value, host, nativePort, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  public LocalNodeOptions withHost(String value) {
    return new LocalNodeOptions(dataDirectory, value, nativePort, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  public LocalNodeOptions withNativePort(int value) {
    return new LocalNodeOptions(dataDirectory, host, value, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  public LocalNodeOptions withStoragePort(int value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, value, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  public LocalNodeOptions withClusterName(String value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, value, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  public LocalNodeOptions withHeapMb(int value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, value,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  public LocalNodeOptions withStartTimeout(Duration value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, heapMb,
        value, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  public LocalNodeOptions withStopTimeout(Duration value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, heapMb,
        startTimeout, value, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  public LocalNodeOptions withReuseRunningNode(boolean value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, value, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  /**
   * Skips fsync of Cassandra's system tables ({@code -Dcassandra.unsafesystem=true}): every schema
   * change (a test keyspace is a dozen tables) then costs a fraction of the time. Only for
   * throwaway test nodes: a crash may lose schema changes.
   */
  public LocalNodeOptions withoutSystemTableSync() {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, false,
        commitLogSync, relaunchOnExit, seeds, security);
  }

  /** See {@link CommitLogSync}: {@code CommitLogSync.periodic(...)} trades durability for speed. */
  public LocalNodeOptions withCommitLogSync(CommitLogSync value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        value, relaunchOnExit, seeds, security);
  }

  /** False: a dead node stays dead until the owner starts it again. */
  public LocalNodeOptions withRelaunchOnExit(boolean value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, value, seeds, security);
  }

  /** {@code host:storage_port,...} of the seed nodes of the cluster this node joins. */
  public LocalNodeOptions withSeeds(String value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, value, security);
  }

  /** See {@link NodeSecurity}. */
  public LocalNodeOptions withSecurity(NodeSecurity value) {
    return new LocalNodeOptions(dataDirectory, host, nativePort, storagePort, clusterName, heapMb,
        startTimeout, stopTimeout, reuseRunningNode, syncSystemTables,
        commitLogSync, relaunchOnExit, seeds, value);
  }

  /** Clients log in ({@code cassandra}/{@code cassandra} at first) and need grants: see {@link NodeSecurity}. */
  public LocalNodeOptions withPasswordAuthentication() {
    return withSecurity(security.withPasswordAuthentication());
  }

  /** CQL over TLS only, with the node's key and certificate from a PKCS12 {@code keystore}. */
  public LocalNodeOptions withClientTls(Path keystore, String password) {
    return withSecurity(security.withClientTls(keystore, password));
  }

  /** The seeds to write in cassandra.yaml: the given ones, else this node itself. */
  String effectiveSeeds() {
    return seeds.isEmpty() ? host + ":" + storagePort : seeds;
  }

  /** True when the node is one of several (seeds other than itself). */
  boolean inCluster() {
    return !seeds.isEmpty() && !seeds.equals(host + ":" + storagePort);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePort(int port, String name) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be 0 (pick a free port) or 1-65535, was " + port);
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
    }
  }
}
