package org.openastro.cassandra.local;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The command line of the Cassandra child JVM. */
final class ChildJvmCommand {

  static final String CASSANDRA_MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

  /** Java 17 module access Cassandra 5.0 needs, as listed in its own jvm17-server.options. */
  static final List<String> JAVA17_MODULE_FLAGS = List.of(
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
      "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens", "java.base/java.net=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED");

  private ChildJvmCommand() {
  }

  /** The same java executable as this JVM: Cassandra 5.0 runs on the Java 17 we run on. */
  static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * {@code options} must have concrete ports. JMX stays off (no {@code cassandra.jmx.*.port}), so
   * concurrent nodes never fight over port 7199; nodetool is not available for these nodes.
   */
  static List<String> build(LocalNodeOptions options, NodeLayout layout, List<Path> cassandraJars) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable().toString());
    command.add("-Xms" + options.heapMb() + "m");
    command.add("-Xmx" + options.heapMb() + "m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(JAVA17_MODULE_FLAGS);
    command.add("-Djdk.attach.allowAttachSelf=true");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Dcassandra-foreground=yes");
    command.add("-Dcassandra.config=" + layout.cassandraYaml().toUri());
    command.add("-Dcassandra.storagedir=" + layout.root());
    command.add("-Dcassandra.logdir=" + layout.logs());
    command.add("-Dcassandra.triggers_dir=" + layout.triggers());
    command.add("-Djava.io.tmpdir=" + layout.tmp());
    // A lone node has nobody to gossip with: waiting for gossip to settle only delays CQL.
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    // Nor anybody to announce its shutdown to: saves 2 s of every stop.
    command.add("-Dcassandra.shutdown_announce_in_ms=0");
    if (options.security().passwordAuthentication()) {
      // Cassandra waits 10 s after start-up before creating the default superuser (time for a
      // node of a real cluster to learn that another one made it already). Our nodes start empty
      // together, and a duplicate of that row is harmless: start-up need not wait for nothing.
      command.add("-Dcassandra.superuser_setup_delay_ms=0");
    }
    if (!options.syncSystemTables()) {
      command.add("-Dcassandra.unsafesystem=true");
    }
    command.add("-Dlogback.configurationFile=" + layout.logbackXml());
    command.add("-D" + ParentWatchingMain.LOCK_FILE_PROPERTY + "=" + layout.lockFile());
    command.add("-D" + ParentWatchingMain.ORPHAN_HALT_AFTER_MS_PROPERTY + "=" + options.stopTimeout().toMillis());
    command.add("-cp");
    command.add(classpath(layout, cassandraJars));
    command.add(LauncherClassDirectory.mainClassName());
    // Named on the command line so that `pgrep -f CassandraDaemon` finds these nodes.
    command.add(CASSANDRA_MAIN_CLASS);
    return command;
  }

  private static String classpath(NodeLayout layout, List<Path> cassandraJars) {
    return Stream.concat(Stream.of(layout.launcherClasses()), cassandraJars.stream())
        .map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator));
  }
}
