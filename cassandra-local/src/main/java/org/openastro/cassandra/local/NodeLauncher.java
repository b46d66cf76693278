package org.openastro.cassandra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares the data directory, launches the child JVM and waits until it answers CQL. */
final class NodeLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(NodeLauncher.class);

  /** How often to look at the booting node; a child that exits ends the wait at once anyway. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  static final Duration TCP_CONNECT_TIMEOUT = Duration.ofMillis(500);
  /** One CQL attempt, once the native port accepts connections. */
  static final Duration CQL_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  /** Relaunches after a clash on ports picked by us (port 0); a clash on a given port fails at once. */
  static final int PORT_CLASH_RETRIES = 2;

  /** A node that answers CQL. {@code options} carries the ports actually used. */
  record Launched(ChildProcess process, LocalNodeOptions options, CqlProbe.NodeIdentity identity,
                  Path logFile, Duration startup) {

    InetSocketAddress cqlAddress() {
      return new InetSocketAddress(options.host(), options.nativePort());
    }
  }

  private NodeLauncher() {
  }

  static Launched launch(LocalNodeOptions requested) {
    for (int attempt = 1; ; attempt++) {
      LocalNodeOptions options = withConcretePorts(requested);
      try {
        return launchOnce(options);
      } catch (PortInUseException e) {
        // Someone took a port we picked before the node could bind it: pick again. A port the
        // caller gave is not retried: the clash would only repeat.
        boolean clashOnPickedPort = requested.nativePort() == 0 && e.concerns(options.nativePort())
            || requested.storagePort() == 0 && e.concerns(options.storagePort());
        if (!clashOnPickedPort || attempt > PORT_CLASH_RETRIES) {
          throw e;
        }
        LOG.warn("A port picked for the node was taken before it could bind it; launching again with new ports");
      }
    }
  }

  /** {@code options} has concrete ports. */
  private static Launched launchOnce(LocalNodeOptions options) {
    NodeLayout layout = new NodeLayout(options.dataDirectory());
    layout.createDirectories();
    List<Path> cassandraJars = CassandraClasspath.load();
    NodeConfigFiles.write(options, layout);
    LauncherClassDirectory.install(layout.launcherClasses());
    List<String> command = ChildJvmCommand.build(options, layout, cassandraJars);
    long logOffset = appendLaunchHeader(layout.logFile(), options);

    long startNanos = System.nanoTime();
    ChildProcess child = ChildProcess.start(command, layout.root(), layout.logFile(), options.stopTimeout());
    LOG.info("Launched Cassandra node pid {} for {}:{} (storage port {}, data {}), log {}",
        child.pid(), options.host(), options.nativePort(), options.storagePort(), layout.root(), layout.logFile());
    try {
      CqlProbe.NodeIdentity identity = awaitCql(child, options, layout.logFile(), logOffset);
      Duration startup = Duration.ofNanos(System.nanoTime() - startNanos);
      LOG.info("Cassandra {} node pid {} answers CQL at {}:{} (datacenter {}) after {} ms",
          identity.releaseVersion(), child.pid(), options.host(), options.nativePort(), identity.datacenter(),
          startup.toMillis());
      return new Launched(child, options, identity, layout.logFile(), startup);
    } catch (RuntimeException | Error e) {
      child.stop();
      throw e;
    }
  }

  private static CqlProbe.NodeIdentity awaitCql(ChildProcess child, LocalNodeOptions options, Path logFile,
                                                long logOffset) {
    InetSocketAddress address = new InetSocketAddress(options.host(), options.nativePort());
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    String lastFailure = "the native port did not accept connections";
    boolean loginRefusedLogged = false;
    try {
      while (true) {
        if (!child.isAlive()) {
          throw exitedEarly(child, address, logFile, logOffset);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new LocalNodeException("The Cassandra node (pid " + child.pid() + ") did not answer CQL on "
              + address + " within " + options.startTimeout().toSeconds() + " s (option startTimeout);"
              + " it is being stopped. Last attempt: " + lastFailure + ". Its log is " + logFile
              + "; the last lines:\n" + LogTail.of(logFile, logOffset, LogTail.LINES_IN_ERRORS));
        }
        // A TCP check first: cheap to repeat, whereas each CQL attempt builds a driver session.
        if (CqlProbe.acceptsConnections(address, TCP_CONNECT_TIMEOUT)) {
          CqlProbe.Answer answer = CqlProbe.ask(address, CQL_ATTEMPT_TIMEOUT, options.security());
          if (answer.answered().isPresent()) {
            return answer.answered().get();
          }
          lastFailure = answer.failure();
          // With PasswordAuthenticator the port opens before the default superuser exists: the
          // node is not usable until a login works, so keep polling (a refused login is no error).
          if (answer.loginRefused() && !loginRefusedLogged) {
            LOG.info("Cassandra node pid {} serves CQL on {}; waiting for its default superuser role", child.pid(),
                address);
            loginRefusedLogged = true;
          }
        }
        child.waitForExit(POLL_INTERVAL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalNodeException("Interrupted while waiting for the Cassandra node (pid " + child.pid()
          + ") to answer CQL on " + address + "; it is being stopped. Its log is " + logFile, e);
    }
  }

  private static LocalNodeException exitedEarly(ChildProcess child, InetSocketAddress address, Path logFile,
                                                long logOffset) {
    int status = child.exitValue();
    String hint = status == ParentWatchingMain.EXIT_DATA_DIRECTORY_IN_USE
        ? " Another node runs on the same data directory: stop it, or give this one its own dataDirectory."
        : " Common causes: a port already in use (nativePort/storagePort), a data directory written with"
            + " another cluster name, too little memory for heapMb.";
    String tail = LogTail.of(logFile, logOffset, LogTail.LINES_IN_ERRORS);
    String message = "The Cassandra node (pid " + child.pid() + ") exited with status " + status
        + " before answering CQL on " + address + "." + hint + " Its log is " + logFile + "; the last lines:\n"
        + tail;
    return PortInUseException.isPortClash(tail) ? new PortInUseException(message) : new LocalNodeException(message);
  }

  /** The node could not bind its storage or native port. */
  static final class PortInUseException extends LocalNodeException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message) {
      super(message);
    }

    /** How Cassandra 5.0 reports a taken storage port ("/host:port is in use by another process")
     *  and a taken native port ("Failed to bind port N on host"). */
    static boolean isPortClash(String log) {
      return log.contains(" is in use by another process") || log.contains("Failed to bind port ");
    }

    boolean concerns(int port) {
      return getMessage().contains(":" + port + " is in use by another process")
          || getMessage().contains("Failed to bind port " + port + " ");
    }
  }

  /** Port 0 means "any free port": decide now, because cassandra.yaml needs real numbers. */
  static LocalNodeOptions withConcretePorts(LocalNodeOptions options) {
    if (options.nativePort() != 0 && options.storagePort() != 0) {
      return options;
    }
    return withConcretePorts(options, FreePort.pick(options.host(), 2));
  }

  /** Zero ports replaced by two distinct {@code free} ones. */
  static LocalNodeOptions withConcretePorts(LocalNodeOptions options, List<Integer> free) {
    LocalNodeOptions result = options;
    if (options.nativePort() == 0) {
      result = result.withNativePort(options.storagePort() == free.get(0) ? free.get(1) : free.get(0));
    }
    if (options.storagePort() == 0) {
      result = result.withStoragePort(result.nativePort() == free.get(1) ? free.get(0) : free.get(1));
    }
    return result;
  }

  /** Marks where this launch starts in the appended log, so error tails show only this launch. */
  private static long appendLaunchHeader(Path logFile, LocalNodeOptions options) {
    try {
      long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
      String header = "==== openastro: launching Cassandra at " + Instant.now() + " for " + options.host() + ":"
          + options.nativePort() + " (storage port " + options.storagePort() + ", heap " + options.heapMb()
          + " MB) ====" + System.lineSeparator();
      Files.writeString(logFile, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return offset;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the node log " + logFile, e);
    }
  }
}
