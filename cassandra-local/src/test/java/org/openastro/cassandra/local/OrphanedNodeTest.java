package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node must not outlive a parent JVM that is SIGKILLed (no shutdown hook runs then): the
 * child sees its stdin pipe close and exits by itself. Meanwhile a neighbour node, launched at
 * the same time by this JVM on another directory, must be unaffected: concurrent nodes work.
 */
class OrphanedNodeTest {

  /** The parent JVM starts, launches a node (~10 s) and reports the child's pid. */
  private static final Duration PARENT_REPORT_TIMEOUT = Duration.ofSeconds(150);
  /** Cassandra drains on exit; the wrapper halts it after the parent's stopTimeout (10 s) anyway. */
  private static final Duration ORPHAN_EXIT_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void orphanExitsByItselfWhileANeighbourNodeKeepsRunning(@TempDir Path orphanDir, @TempDir Path neighbourDir)
      throws Exception {
    Process parent = new ProcessBuilder(ChildJvmCommand.javaExecutable().toString(),
        "-cp", System.getProperty("java.class.path"),
        OrphanTestParent.class.getName(), orphanDir.toString())
        .redirectErrorStream(true)
        .start();
    List<String> parentOutput = new CopyOnWriteArrayList<>();
    CompletableFuture<Long> childPid = new CompletableFuture<>();
    Thread reader = new Thread(() -> readOutput(parent, parentOutput, childPid), "orphan-parent-output");
    reader.setDaemon(true);
    reader.start();

    long orphan;
    // Launched while the other JVM launches its node: both boot at the same time.
    try (LocalCassandraNode neighbour = LocalCassandraNode.start(LocalNodeOptions.defaults(neighbourDir).withFreePorts())) {
      try {
        orphan = childPid.get(PARENT_REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ProcessState.hasExited(orphan)).isFalse();
      } finally {
        parent.destroyForcibly();
        parent.waitFor();
      }

      await("Cassandra child " + orphan + " exits after its parent was killed")
          .atMost(ORPHAN_EXIT_TIMEOUT)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> ProcessState.hasExited(orphan));
      assertThat(CqlProbe.identify(neighbour.cqlAddress(), Duration.ofSeconds(5)))
          .as("the neighbour node still answers").isPresent();
    }
  }

  private static void readOutput(Process parent, List<String> lines, CompletableFuture<Long> childPid) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        if (line.startsWith(OrphanTestParent.PID_PREFIX)) {
          childPid.complete(Long.parseLong(line.substring(OrphanTestParent.PID_PREFIX.length()).trim()));
        }
      }
    } catch (Exception e) {
      childPid.completeExceptionally(e);
    }
    childPid.completeExceptionally(new AssertionError("The parent JVM ended without reporting a child pid:\n"
        + String.join("\n", lines)));
  }
}
