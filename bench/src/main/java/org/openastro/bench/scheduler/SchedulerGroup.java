package org.openastro.bench.scheduler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The scheduler instances of one phase and the cluster they share with this JVM: their ports and
 * environment, start, readiness, meters, and their end. Every child ever started is also in
 * {@link #ALL}, which the benchmark's shutdown hook kills, so Ctrl-C leaves none behind.
 */
final class SchedulerGroup implements AutoCloseable {
  static final List<SchedulerChild> ALL = new CopyOnWriteArrayList<>();
  static final String KEYSPACE = "bench_scale";

  private final List<SchedulerChild> children = new ArrayList<>();
  private final List<InstanceMeter> meters = new ArrayList<>();
  final int benchClusterPort;
  private final List<Integer> clusterPorts;

  /**
   * {@code count} instances on the Cassandra node at {@code cassandra}, each with exactly the
   * settings a scheduler pod would get plus {@code overrides}; logs in {@code logDir}.
   */
  SchedulerGroup(int count, Path appJar, int heapMb, InetSocketAddress cassandra, String datacenter,
      Map<String, String> overrides, Path logDir) throws IOException {
    int[] ports = freePorts(2 * count + 1);
    benchClusterPort = ports[0];
    clusterPorts = new ArrayList<>();
    for (int i = 0; i <= count; i++) {
      clusterPorts.add(ports[i]);
    }
    String members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    for (int i = 0; i < count; i++) {
      Map<String, String> env = new HashMap<>();
      env.put("PROCESS_ROLES", "scheduler");
      env.put("CASSANDRA_CONTACT_POINTS", cassandra.getAddress().getHostAddress() + ":" + cassandra.getPort());
      env.put("CASSANDRA_LOCAL_DC", datacenter);
      env.put("CASSANDRA_KEYSPACE", KEYSPACE);
      env.put("CLUSTER_ENABLED", "true");
      env.put("CLUSTER_HOST", "127.0.0.1");
      env.put("CLUSTER_PORT", Integer.toString(clusterPorts.get(i + 1)));
      env.put("CLUSTER_MEMBERS", members);
      env.put("HTTP_HOST", "127.0.0.1");
      env.put("HTTP_PORT", Integer.toString(ports[count + 1 + i]));
      env.putAll(overrides);
      String name = "scheduler-" + (i + 1);
      SchedulerChild child = new SchedulerChild(name, appJar, heapMb, ports[count + 1 + i], env,
          logDir.resolve(name + ".log"));
      children.add(child);
      meters.add(new InstanceMeter(child));
    }
  }

  /** Every member port, this JVM's first. */
  List<Integer> clusterPorts() {
    return clusterPorts;
  }

  void start() throws IOException {
    for (SchedulerChild c : children) {
      ALL.add(c);
      c.start();
    }
  }

  /** Whether every instance is ready in a cluster of them all and this JVM; fails if one exited. */
  boolean ready() {
    for (SchedulerChild c : children) {
      if (!c.alive()) {
        throw new IllegalStateException(c.name + " exited; see " + c.log());
      }
      if (!c.ready(children.size() + 1)) {
        return false;
      }
    }
    return true;
  }

  List<InstanceMeter> meters() {
    return meters;
  }

  /** The instances no longer running, with the end of each one's log. */
  List<String> dead() {
    List<String> dead = new ArrayList<>();
    for (SchedulerChild c : children) {
      if (!c.alive()) {
        dead.add(c.name + " exited; its log ends: " + tail(c.log(), 5));
      }
    }
    return dead;
  }

  Map<String, Path> logs() {
    Map<String, Path> logs = new LinkedHashMap<>();
    children.forEach(c -> logs.put(c.name, c.log()));
    return logs;
  }

  @Override
  public void close() {
    for (SchedulerChild c : children) {
      c.stop(20);
      ALL.remove(c);
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }
}
