package org.openastro.cassandra.local;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Cassandra 5.0 node in a child JVM (its own classpath: Cassandra's Netty and
 * logging clash with Vert.x 5's), or an already running node that was reused.
 *
 * <p>The child never outlives us: {@link #close()} stops it, a JVM shutdown hook stops it when
 * this JVM exits normally, and the child exits by itself when this JVM dies any other way
 * (see {@link ParentWatchingMain}). A child that dies while we live is launched again on the same
 * data and ports (see {@link NodeSupervisor}, {@link LocalNodeOptions#relaunchOnExit()}).
 */
public final class LocalCassandraNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCassandraNode.class);
  /** Enough for a healthy node to answer; short enough not to delay a launch much. */
  static final Duration REUSE_PROBE_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REUSE_TCP_TIMEOUT = Duration.ofMillis(500);

  private final InetSocketAddress cqlAddress;
  private final String datacenter;
  /** Null when reused. */
  private final NodeSupervisor supervisor;
  private final Path logFile;

  private LocalCassandraNode(InetSocketAddress cqlAddress, String datacenter, NodeSupervisor supervisor,
                             Path logFile) {
    this.cqlAddress = cqlAddress;
    this.datacenter = datacenter;
    this.supervisor = supervisor;
    this.logFile = logFile;
  }

  /**
   * Reuses a node already answering CQL on {@code host:nativePort} (when
   * {@link LocalNodeOptions#reuseRunningNode()}), else launches one and blocks until it answers CQL.
   *
   * @throws LocalNodeException when the node cannot be started; the message names the log file and
   *                            quotes its last lines
   */
  public static LocalCassandraNode start(LocalNodeOptions options) {
    Objects.requireNonNull(options, "options");
    Optional<LocalCassandraNode> running = findRunning(options);
    if (running.isPresent()) {
      return running.get();
    }
    NodeLauncher.Launched launched = NodeLauncher.launch(options);
    return new LocalCassandraNode(launched.cqlAddress(), launched.identity().datacenter(),
        new NodeSupervisor(launched), launched.logFile());
  }

  private static Optional<LocalCassandraNode> findRunning(LocalNodeOptions options) {
    if (!options.reuseRunningNode() || options.nativePort() == 0) {
      return Optional.empty();
    }
    InetSocketAddress address = new InetSocketAddress(options.host(), options.nativePort());
    if (!CqlProbe.acceptsConnections(address, REUSE_TCP_TIMEOUT)) {
      return Optional.empty();
    }
    return CqlProbe.identify(address, REUSE_PROBE_TIMEOUT, options.security()).map(identity -> {
      LOG.info("Reusing the Cassandra {} node already answering CQL at {} (datacenter {}); launching none",
          identity.releaseVersion(), address, identity.datacenter());
      return new LocalCassandraNode(address, identity.datacenter(), null, null);
    });
  }

  /** Where clients connect with CQL. */
  public InetSocketAddress cqlAddress() {
    return cqlAddress;
  }

  /** The node's datacenter: the local datacenter a driver session must be configured with. */
  public String datacenter() {
    return datacenter;
  }

  /** False when an already running node was reused. */
  public boolean launchedHere() {
    return supervisor != null;
  }

  /** The file the child's stdout and stderr are appended to; null when reused. */
  public Path logFile() {
    return logFile;
  }

  /** The child JVM's pid (it changes when a dead child is relaunched); -1 when reused. */
  public long pid() {
    return supervisor == null ? -1 : supervisor.pid();
  }

  /** How many times the child died and was launched again; 0 when reused. */
  public int relaunches() {
    return supervisor == null ? 0 : supervisor.relaunches();
  }

  /**
   * Stops the child if it was launched here, and relaunches of it: SIGTERM (Cassandra drains),
   * then SIGKILL after {@link LocalNodeOptions#stopTimeout()}. Idempotent; does nothing to a
   * reused node.
   */
  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
  }

  @Override
  public String toString() {
    return "LocalCassandraNode[" + cqlAddress + ", datacenter " + datacenter
        + (launchedHere() ? ", pid " + pid() + ", log " + logFile : ", reused") + "]";
  }
}
