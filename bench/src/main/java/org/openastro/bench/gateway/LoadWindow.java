package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.loadAverage;
import static org.openastro.bench.gateway.BenchReport.ms;
import static org.openastro.bench.gateway.BenchReport.say;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openastro.bench.gateway.MqttNodes.ConnectResult;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * Drives connected {@link LoadClients} through a warm-up (until the JIT settles) and one measured
 * window, then stops the load and waits for what is outstanding. The same for every MQTT phase, so
 * their figures compare: acknowledged heartbeats per second, ack latency, CPU per heartbeat (this
 * JVM, of which the clients, and Cassandra by thread kind).
 */
final class LoadWindow {
  final String phase;
  final HeartbeatLoad load;
  long acks;
  double seconds;
  Histogram latency;
  double[] cpuSeconds;
  double clientSeconds;
  String cassandraThreads;

  /**
   * What a phase measures over the same window besides the load: the peer phase reads its broker's
   * and bridge's CPU and what the bridge wrote ({@link PeerPhase}).
   */
  interface Probe {
    Probe NONE = new Probe() {};

    /** JVMs besides this one and Cassandra whose JIT the warm-up waits for (the bridge's). */
    default long[] jvms() {
      return new long[0];
    }

    /** The load was just started, before the warm-up. */
    default void loadStarted(HeartbeatLoad load) {}

    /** The measured window starts (right after the CPU mark). */
    default void windowStarts() {}

    /** The measured window ends (right after the CPU reading). */
    default void windowEnds() {}
  }

  private LoadWindow(String phase, HeartbeatLoad load) {
    this.phase = phase;
    this.load = load;
  }

  /** Connects the clients (all must succeed) and reports how long that took. */
  static ConnectResult connect(String phase, LoadClients clients, int nodes, int concurrency, BenchReport report)
      throws InterruptedException {
    ConnectResult connected = clients.connectAll(concurrency);
    say("%s: %,d of %,d MQTT clients connected in %.1f s (%d failed%s); clients: %s", phase, connected.connected(),
        nodes, connected.millis() / 1e3, connected.failed(),
        connected.firstError() == null ? "" : ", " + connected.firstError(), clients.description());
    if (connected.failed() > 0) {
      throw new IllegalStateException("not every " + phase + " client connected");
    }
    report.result(phase + " load generator", "%s", clients.description());
    return connected;
  }

  static LoadWindow run(String phase, List<Credentials> nodes, LoadClients clients, BenchOptions opts, CpuMeter cpu,
      BenchReport report) throws InterruptedException {
    return run(phase, nodes, clients, opts, cpu, report, Probe.NONE);
  }

  static LoadWindow run(String phase, List<Credentials> nodes, LoadClients clients, BenchOptions opts, CpuMeter cpu,
      BenchReport report, Probe probe) throws InterruptedException {
    int window = opts.integer("window");
    LoadWindow w = new LoadWindow(phase, new HeartbeatLoad(nodes));
    say("%s: %,d nodes publishing QoS 1 heartbeats %s, window %d per client (%,d outstanding at most),"
        + " warm-up %d-%d s (until the JIT settles) + %d s", phase, nodes.size(),
        new String(HeartbeatLoad.HEARTBEAT, StandardCharsets.UTF_8), window, nodes.size() * window,
        opts.integer("warmup"), opts.integer("warmupMax"), opts.integer("seconds"));
    clients.start(w.load, window);
    probe.loadStarted(w.load);
    long[] jvms = new long[probe.jvms().length + 1];
    jvms[0] = cpu.cassandraPid();
    System.arraycopy(probe.jvms(), 0, jvms, 1, probe.jvms().length);
    WarmUp warmUp = WarmUp.from(opts, jvms);
    warmUp.await();
    String loadBefore = loadAverage();
    long acksBefore = w.load.acks.get();
    w.load.latency.reset();
    long measureStart = System.nanoTime();
    cpu.mark();
    probe.windowStarts();
    long clientNanosBefore = clients.cpuNanos();
    WindowProfiler profiler = WindowProfiler.start(opts, phase, cpu.cassandraPid());
    Thread.sleep(TimeUnit.SECONDS.toMillis(opts.integer("seconds")));
    profiler.stop();
    w.acks = w.load.acks.get() - acksBefore;
    w.cpuSeconds = cpu.seconds();
    probe.windowEnds();
    w.clientSeconds = (clients.cpuNanos() - clientNanosBefore) / 1e9;
    w.cassandraThreads = cpu.cassandraThreads(w.acks);
    double[] jitSeconds = warmUp.compileSecondsSinceEnd();
    w.seconds = (System.nanoTime() - measureStart) / 1e9;
    w.latency = w.load.latency.getIntervalHistogram();
    String loadAfter = loadAverage();
    w.load.running = false;
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (w.load.outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
      Thread.sleep(20);
    }
    say("%s: %,d heartbeats acknowledged in %.1f s = %,.0f heartbeats/s; ack latency p50 %.2f ms"
            + " p99 %.2f ms p99.9 %.2f ms max %.2f ms; failed publishes %d; still outstanding %d; load %s -> %s",
        phase, w.acks, w.seconds, w.rate(), ms(w.latency, 50), ms(w.latency, 99), ms(w.latency, 99.9),
        w.latency.getMaxValue() / 1e3, w.load.failures.get(), w.load.outstanding.get(), loadBefore, loadAfter);
    report.result(phase + " heartbeats acknowledged/s", "%,.0f", w.rate());
    report.result(phase + " ack latency p50/p99/p99.9 ms", "%.2f / %.2f / %.2f", ms(w.latency, 50),
        ms(w.latency, 99), ms(w.latency, 99.9));
    report.result(phase + " nodes x window", "%,d x %d", nodes.size(), window);
    report.result(phase + " failed publishes", "%d (first: %s)", w.load.failures.get(), w.load.firstFailure);
    report.result(phase + " load average during the window", "%s -> %s", loadBefore, loadAfter);
    report.warmUp(phase, warmUp, jitSeconds, w.acks);
    return w;
  }

  double rate() {
    return acks / seconds;
  }

  /** Reports CPU per heartbeat (JVM + Cassandra, the clients' share, Cassandra by thread) and returns the total. */
  double reportCpu(BenchReport report, String selfName) {
    double total = report.cpuPerHeartbeat(phase, cpuSeconds, acks, selfName);
    say("%s: of which MQTT client threads: %.0f us per heartbeat (%.1f CPU s)%s", phase, clientSeconds * 1e6 / acks,
        clientSeconds, cassandraThreads.isEmpty() ? "" : "; Cassandra threads, us per heartbeat: " + cassandraThreads);
    report.result(phase + " CPU us per heartbeat in MQTT client threads (part of the JVM figure)", "%.0f",
        clientSeconds * 1e6 / acks);
    if (!cassandraThreads.isEmpty()) {
      report.result(phase + " Cassandra CPU us per heartbeat by thread kind", "%s", cassandraThreads);
    }
    return total;
  }
}
