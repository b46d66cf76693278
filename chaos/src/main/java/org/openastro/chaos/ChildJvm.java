package org.openastro.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM running a runnable jar with exactly the environment given (nothing leaks in from
 * whoever runs the chaos run, so a stray setting cannot change what is measured), its output
 * appended to a log file so that a restart keeps the story in one place.
 */
final class ChildJvm {
  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  ChildJvm(String name, Path jar, List<String> jvmFlags, List<String> args, Map<String, String> environment,
      Path log) {
    this.name = name;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(args);
    this.command = List.copyOf(cmd);
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    for (String keep : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
      String value = System.getenv(keep);
      if (value != null) {
        builder.environment().put(keep, value);
      }
    }
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process.pid();
  }

  /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. Waits until it is gone. */
  void kill() throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM, then SIGKILL after {@code graceSeconds}. */
  void stop(long graceSeconds) throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Waits for the process to end by itself; false if it is still running after the timeout. */
  boolean awaitExit(long seconds) throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    return p == null || p.waitFor(seconds, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return name + (process == null ? "" : " (pid " + process.pid() + ")");
  }
}
