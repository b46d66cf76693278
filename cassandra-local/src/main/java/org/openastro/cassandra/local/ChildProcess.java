package org.openastro.cassandra.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of one node and the duty to stop it: by {@link #stop()}, or by a JVM shutdown
 * hook registered as soon as the process exists. Its stdin is a pipe we hold open and never write
 * to; see {@link ParentWatchingMain} for why.
 */
final class ChildProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  /** After SIGKILL the kernel ends the process promptly; this only bounds a pathological wait. */
  static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final Process process;
  private final Duration stopTimeout;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CountDownLatch stopDone = new CountDownLatch(1);
  private final Thread shutdownHook;

  private ChildProcess(Process process, Duration stopTimeout) {
    this.process = process;
    this.stopTimeout = stopTimeout;
    this.shutdownHook = new Thread(this::stopFromShutdownHook, "openastro-cassandra-stop-" + process.pid());
  }

  /** Starts the command with stdout and stderr appended to {@code logFile}. */
  static ChildProcess start(List<String> command, Path workingDirectory, Path logFile, Duration stopTimeout) {
    Process process;
    try {
      process = new ProcessBuilder(command)
          .directory(workingDirectory.toFile())
          .redirectInput(Redirect.PIPE)
          .redirectErrorStream(true)
          .redirectOutput(Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new LocalNodeException("Cannot start the Cassandra child JVM " + command.get(0) + ": " + e.getMessage(), e);
    }
    ChildProcess child = new ChildProcess(process, stopTimeout);
    try {
      Runtime.getRuntime().addShutdownHook(child.shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // E.g. a relaunch racing the JVM's exit: nobody would stop this child.
      process.destroyForcibly();
      throw new LocalNodeException("Not starting a Cassandra child JVM: this JVM is shutting down", shuttingDown);
    }
    return child;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the process has exited, however it ended. */
  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** True once {@link #stop()} or the shutdown hook began stopping it: its exit is then expected. */
  boolean stopRequested() {
    return stopped.get();
  }

  int exitValue() {
    return process.exitValue();
  }

  /** Waits at most {@code timeout}; returns early when the process exits. True if it has exited. */
  boolean waitForExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGTERM (Cassandra drains), wait stopTimeout, then SIGKILL. Idempotent. */
  void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting: the hook waits for this stop to finish (see below).
    }
    stopNow();
  }

  private void stopFromShutdownHook() {
    if (stopped.compareAndSet(false, true)) {
      stopNow();
      return;
    }
    // Another thread is stopping the node: keep the JVM alive until it is done.
    try {
      stopDone.await(stopTimeout.plus(KILL_WAIT).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopNow() {
    try {
      if (process.isAlive()) {
        LOG.info("Stopping Cassandra node (pid {}), waiting up to {} s", process.pid(), stopTimeout.toSeconds());
        process.destroy();
        if (!waitForExit(stopTimeout)) {
          LOG.warn("Cassandra node (pid {}) did not stop within {} s of SIGTERM, killing it",
              process.pid(), stopTimeout.toSeconds());
          process.destroyForcibly();
          if (!waitForExit(KILL_WAIT)) {
            throw new LocalNodeException("Cassandra node (pid " + process.pid() + ") is still alive "
                + KILL_WAIT.toSeconds() + " s after SIGKILL");
          }
        }
        LOG.info("Cassandra node (pid {}) stopped, exit status {}", process.pid(), process.exitValue());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      closeStdin();
      stopDone.countDown();
    }
  }

  private void closeStdin() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // The process is gone or going; the pipe's only job is done.
    }
  }
}
