package org.openastro.bench.scheduler;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openastro.bench.KeyValueArgs;

/**
 * The benchmark's {@code key=value} arguments over their defaults (the figures issue 19 asks for);
 * {@code sched.NAME=value} passes any setting to every scheduler instance.
 */
final class ScaleOptions {
  private final Map<String, String> values = new LinkedHashMap<>();

  ScaleOptions(String... args) {
    values.put("nodes", "100000");
    // Seconds between a node's heartbeats; also the schedulers' SCHEDULER_HEARTBEAT_INTERVAL.
    values.put("interval", "15");
    values.put("missions", "1000");
    // Exposure of each mission, s. 60 s is one task whatever the windows, so 1,000 missions are the
    // 1,000 pending tasks the issue times: the splitter takes the earliest-ending slices first, so a
    // longer mission becomes several short tasks (1,800 s became ~7 at 2,000 nodes).
    values.put("missionExposure", "60");
    // Scheduler instances of each phase, in order; each phase runs on a fresh Cassandra node.
    values.put("instances", "1,2");
    // After every instance has read the whole fleet, before the missions: JIT and caches settle.
    values.put("warmup", "60");
    // The first measured window, before any mission: fault detection alone.
    values.put("fleetWindow", "180");
    // Longest wait for the missions to be planned and assigned before the second window starts.
    values.put("planWait", "300");
    // The second measured window, with the missions active.
    values.put("duration", "300");
    // Nodes silenced on purpose in each window (200 over a phase).
    values.put("silenced", "100");
    // How often persisted heartbeats are published as one batch event (the gateway's
    // HEARTBEAT_EVENT_INTERVAL, 100 ms by default).
    values.put("eventIntervalMs", "100");
    values.put("registerInFlight", "256");
    // Heartbeat batches (HEARTBEAT_BATCH_MAX_ROWS rows each) written at once, as a gateway's
    // INGEST_MAX_IN_FLIGHT bounds its writes.
    values.put("writeInFlight", "128");
    // About what the production scheduler pod has: a 768 MiB limit at MaxRAMPercentage=70.
    values.put("schedulerHeapMb", "512");
    values.put("cassandraHeapMb", "2048");
    values.put("cassandraStartSeconds", "300");
    values.put("scrapeSeconds", "10");
    values.put("seed", "19");
    // The scheduler's jar; empty = app/target/openastro.jar from here or the parent directory. Another
    // build (a branch's) can be measured with the same benchmark this way.
    values.put("appJar", "");
    // Where logs (kept) and each phase's Cassandra data (removed after the phase) go; empty = a new temp directory.
    values.put("workDir", "");
    KeyValueArgs.parseInto(values, "sched.", args);
  }

  int integer(String key) {
    return Integer.parseInt(values.get(key));
  }

  String text(String key) {
    return values.get(key);
  }

  Duration seconds(String key) {
    return Duration.ofSeconds(Long.parseLong(values.get(key)));
  }

  List<Integer> instances() {
    return Arrays.stream(values.get("instances").split(",")).map(String::trim).map(Integer::parseInt).toList();
  }

  /** The settings given as {@code sched.NAME=value}. */
  Map<String, String> schedulerSettings() {
    return KeyValueArgs.passed(values, "sched.");
  }

  Map<String, String> asMap() {
    return values;
  }
}
