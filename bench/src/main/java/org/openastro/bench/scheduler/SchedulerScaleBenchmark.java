package org.openastro.bench.scheduler;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.openastro.bench.ProcStat;
import org.slf4j.LoggerFactory;

/**
 * The scheduler at fleet scale (issue 19, docs/BENCHMARKS.md "The scheduler at fleet scale"): a
 * fleet of simulated nodes heartbeating, active missions, and 1 then 2 scheduler instances (the
 * real jar's scheduler role in child JVMs on the clustered event bus), each phase on its own
 * Cassandra node. This JVM plays the gateways without MQTT: it registers the nodes, writes their
 * heartbeat rows as the gateway does and publishes the gateway's heartbeat batch events, stores the
 * missions, silences nodes on purpose and hears the schedulers' faults and assignments.
 * Per instance: CPU (cores), heap, Cassandra requests/s, faults, assignments; heartbeat-last to
 * FAULTED of the silenced nodes; planning sweep and assignment round times from the task rows; and
 * the ratios of the 2-instance figures per instance to the 1-instance ones.
 *
 * <pre>
 * java -Xmx2g -cp bench/target/benchmarks.jar org.openastro.bench.scheduler.SchedulerScaleBenchmark [key=value ...]
 *   nodes=100000 interval=15 missions=1000 missionExposure=60 instances=1,2 warmup=60 fleetWindow=180
 *   planWait=300 duration=300 silenced=100 eventIntervalMs=100 registerInFlight=256 writeInFlight=128 schedulerHeapMb=512
 *   cassandraHeapMb=2048 cassandraStartSeconds=300 scrapeSeconds=10 seed=19 appJar= workDir=
 *   sched.SETTING=value (any scheduler process setting, e.g. sched.CASSANDRA_MAX_QUEUED_REQUESTS=200000)
 * </pre>
 * The schedulers run {@code app/target/openastro.jar} (found from here or the parent directory; or
 * {@code appJar=}): build with {@code mvn -B -o -q -DskipTests -pl bench -am package}.
 */
public final class SchedulerScaleBenchmark {
  private SchedulerScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.toLevel(System.getProperty("bench.log", "WARN")));
    }
    // The tasks table is scanned every few seconds while planning runs; the tombstones the task
    // writes leave (cells bound to null) make Cassandra warn on every scan, which says nothing new.
    if (LoggerFactory.getLogger("com.datastax.oss.driver.internal.core.cql.CqlRequestHandler")
        instanceof ch.qos.logback.classic.Logger handler) {
      handler.setLevel(Level.ERROR);
    }
    Locale.setDefault(Locale.ROOT);
    ScaleOptions options = new ScaleOptions(args);
    // Ctrl-C: no scheduler may outlive us (the Cassandra node has a hook of its own).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> SchedulerGroup.ALL.forEach(SchedulerChild::kill),
        "scheduler-reaper"));
    int status = 0;
    try {
      run(options);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private static void run(ScaleOptions o) throws Exception {
    Path appJar = o.text("appJar").isEmpty() ? appJar() : Path.of(o.text("appJar")).toAbsolutePath();
    Path work = o.text("workDir").isEmpty() ? Files.createTempDirectory("openastro-scheduler-scale-")
        : Files.createDirectories(Path.of(o.text("workDir")));
    Runtime rt = Runtime.getRuntime();
    say("SchedulerScaleBenchmark %s", o.asMap());
    say("machine: %d cores, this JVM max heap %d MB, %s %s, load average %s; schedulers run %s; work dir %s",
        rt.availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.vm.name"),
        System.getProperty("java.version"), ProcStat.loadAverage(), appJar, work);
    Instant started = Instant.now();
    List<PhaseResult> results = new ArrayList<>();
    for (int instances : o.instances()) {
      try {
        results.add(new ScalePhase(o, instances, appJar, work).run());
      } catch (Exception e) {
        // One phase failing (an instance died, a wait timed out) still leaves the others' figures.
        say("phase with %d instance(s) FAILED: %s", instances, e);
        PhaseResult failed = new PhaseResult(instances);
        failed.line("FAILED", "%s", e);
        results.add(failed);
      }
    }
    printSummary(o, started, results);
  }

  private static void printSummary(ScaleOptions o, Instant started, List<PhaseResult> results) {
    System.out.println();
    System.out.println("=== OpenAstro scheduler at fleet scale — summary ===");
    System.out.printf("options: %s%n", o.asMap());
    System.out.printf("started %s, ended %s, load average now %s%n", started, Instant.now(), ProcStat.loadAverage());
    for (PhaseResult r : results) {
      System.out.printf("%n-- %d scheduler instance(s) --%n", r.instances);
      int width = r.lines.keySet().stream().mapToInt(String::length).max().orElse(10);
      r.lines.forEach((k, v) -> System.out.printf("  %-" + width + "s  %s%n", k, v));
    }
    PhaseResult one = results.stream().filter(r -> r.instances == 1).findFirst().orElse(null);
    System.out.println();
    for (PhaseResult r : results) {
      r.windows.forEach((window, instances) -> {
        double busiest = instances.stream().mapToDouble(InstanceMeter.Window::cpuCores).max().orElse(Double.NaN);
        System.out.printf("goal: under half a core per instance (%d instance(s), %s): %s (busiest %.2f cores)%n",
            r.instances, window, busiest < 0.5 ? "MET" : "NOT MET", busiest);
      });
    }
    for (PhaseResult r : results) {
      if (one == null || r == one) {
        continue;
      }
      System.out.printf("ratios, %d instances per instance / 1 instance (goal: about 1/%d):%n", r.instances,
          r.instances);
      for (String window : r.windows.keySet()) {
        ratio(window + ": CPU", r.mean(window, InstanceMeter.Window::cpuCores),
            one.mean(window, InstanceMeter.Window::cpuCores));
        ratio(window + ": Cassandra requests/s", r.mean(window, InstanceMeter.Window::requestsPerSecond),
            one.mean(window, InstanceMeter.Window::requestsPerSecond));
        ratio(window + ": heap max used", r.mean(window, InstanceMeter.Window::heapMaxMb),
            one.mean(window, InstanceMeter.Window::heapMaxMb));
        ratio(window + ": nodes FAULTED", r.mean(window, InstanceMeter.Window::faults),
            one.mean(window, InstanceMeter.Window::faults));
      }
      ratio("planning: CPU", mean(r.planning, InstanceMeter.Window::cpuCores),
          mean(one.planning, InstanceMeter.Window::cpuCores));
      ratio("planning: Cassandra requests/s", mean(r.planning, InstanceMeter.Window::requestsPerSecond),
          mean(one.planning, InstanceMeter.Window::requestsPerSecond));
      ratio("planning: tasks assigned", mean(r.planning, InstanceMeter.Window::assigned),
          mean(one.planning, InstanceMeter.Window::assigned));
      Duration sweep = r.longestSweep();
      Duration sweepOne = one.longestSweep();
      ratio("longest planning sweep, s", sweep == null ? Double.NaN : sweep.toMillis() / 1000.0,
          sweepOne == null ? Double.NaN : sweepOne.toMillis() / 1000.0);
    }
  }

  private static void ratio(String what, double mine, double base) {
    System.out.printf("  %-46s %s%n", what, Double.isNaN(mine) || Double.isNaN(base) ? "n/a"
        : String.format("%.2f (%.2f vs %.2f)", mine / base, mine, base));
  }

  private static double mean(List<InstanceMeter.Window> windows, ToDoubleFunction<InstanceMeter.Window> figure) {
    return windows.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
  }

  static void say(String format, Object... args) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    System.out.flush();
  }

  /** The run command's jar, from here or the parent directory (run from the repository or a module). */
  private static Path appJar() {
    for (Path candidate : new Path[] {Path.of("app/target/openastro.jar"), Path.of("../app/target/openastro.jar")}) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("app/target/openastro.jar not found here or in the parent directory: build it"
        + " with `mvn -B -o -q -DskipTests -pl bench -am package`");
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
