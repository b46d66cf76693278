package org.openastro.bench.scheduler;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One scheduler instance: the run command's jar ({@code app/target/openastro.jar}) in its own JVM
 * with {@code PROCESS_ROLES=scheduler}, on the clustered event bus, so its CPU (from /proc) and heap
 * (its /metrics) are its own. Its environment is exactly the one given, as the chaos run does, so
 * nothing from the calling shell changes what is measured.
 *
 * <p>The jar's main class is started through the jar's own {@code ParentWatchingMain} (the wrapper
 * the local Cassandra node runs under): the child exits when its stdin pipe closes, so it cannot
 * outlive this JVM even when this JVM is SIGKILLed and no shutdown hook runs.
 */
final class SchedulerChild {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String WRAPPER = "org.openastro.cassandra.local.ParentWatchingMain";
  private static final String MAIN = "org.openastro.app.Main";
  /** What Hazelcast asks for on Java 17 (the Dockerfile's set); serial GC as in a one-core pod. */
  private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
      "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  final String name;
  final int httpPort;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  SchedulerChild(String name, Path appJar, int heapMb, int httpPort, Map<String, String> environment, Path log) {
    this.name = name;
    this.httpPort = httpPort;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heapMb + "m");
    cmd.addAll(JVM_FLAGS);
    cmd.addAll(List.of("-cp", appJar.toString(), WRAPPER, MAIN));
    this.command = List.copyOf(cmd);
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  synchronized void start() throws IOException {
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
    // stdin stays a pipe that is never written: its EOF is the wrapper's "parent gone". The log starts
    // empty: work is attributed to instances from it, and a rerun in the same workDir plans the same
    // (seeded) mission ids.
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    process = builder.start();
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Ready: Cassandra answers and the process is an active member of a cluster of at least {@code members}. */
  boolean ready(int members) {
    try {
      HttpResponse<String> r = get("/health/ready");
      if (r.statusCode() != 200) {
        return false;
      }
      JsonObject cluster = new JsonObject(r.body()).getJsonObject("checks").getJsonObject("cluster");
      return cluster != null && cluster.getInteger("members", 0) >= members;
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The process's Prometheus text ({@code GET /metrics}). */
  String metrics() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics");
    if (r.statusCode() != 200) {
      throw new IOException(name + " /metrics answered " + r.statusCode());
    }
    return r.body();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM (the process stops gracefully), SIGKILL after {@code graceSeconds}; waits until it is gone. */
  void stop(long graceSeconds) {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL at once, for the shutdown hook: nothing of the run is worth waiting for then. */
  void kill() {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null) {
      p.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return name + (process == null ? "" : " (pid " + process.pid() + ")");
  }
}
