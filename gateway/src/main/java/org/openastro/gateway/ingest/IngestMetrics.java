package org.openastro.gateway.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The ingest path's meters: heartbeats and progress accepted / rejected / dropped by reason, write
 * and acknowledgement latency, writes in flight and waiting. Tag values come from fixed sets
 * (sources, reason codes), never from ids, so the series stay bounded. Meters are looked up by name
 * then tag value, without building a key string: this runs several times per heartbeat.
 */
public final class IngestMetrics {
  public static final String HEARTBEAT = "heartbeat";
  public static final String PROGRESS = "progress";

  private final MeterRegistry registry;
  private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();
  private final DistributionSummary batchRows;

  public IngestMetrics(MeterRegistry registry, WriteGate gate) {
    this.registry = registry;
    Gauge.builder("openastro.ingest.writes.inflight", gate, WriteGate::inFlight)
        .description("ingest writes sent to Cassandra and not yet answered").register(registry);
    Gauge.builder("openastro.ingest.writes.queued", gate, WriteGate::queued)
        .description("ingest writes waiting for an in-flight slot").register(registry);
    this.batchRows = DistributionSummary.builder("openastro.ingest.heartbeat.batch.rows")
        .description("heartbeat history rows per Cassandra write (unlogged batch)").register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void heartbeatAccepted(String source) {
    count("openastro.heartbeats.accepted", "source", source, "heartbeats persisted, by source");
  }

  public void heartbeatRejected(String reason) {
    count("openastro.heartbeats.rejected", "reason", reason, "heartbeats refused as invalid or not allowed");
  }

  public void heartbeatDropped(String reason) {
    count("openastro.heartbeats.dropped", "reason", reason,
        "heartbeats not persisted (QoS 0 or ping under overload, storage failure)");
  }

  public void progress(String outcome) {
    count("openastro.progress.reports", "outcome", outcome, "progress reports, by outcome");
  }

  public void aclDenied(String transport) {
    count("openastro.acl.denied", "transport", transport, "publishes, subscribes or requests outside the node's own id");
  }

  /** An authentication refused before bcrypt by a failure or concurrency limit ({@code limit}: its tag). */
  public void authLimited(String limit) {
    count("openastro.auth.limited", "limit", limit,
        "node authentications refused before the secret check (failure or concurrency limits), by limit");
  }

  public void writeLatency(String kind, long nanos) {
    timer("openastro.ingest.write.latency", "kind", kind, "Cassandra write time of one report")
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * One heartbeat batch written: its Cassandra write time (kind=heartbeat, one sample per batch;
   * every row in it waited that long) and its size in rows.
   */
  public void heartbeatBatch(int rows, long nanos) {
    writeLatency(HEARTBEAT, nanos);
    batchRows.record(rows);
  }

  public void ackLatency(String transport, long nanos) {
    timer("openastro.ingest.ack.latency", "transport", transport,
        "time from receiving a report to acknowledging it (PUBACK / 2xx)").record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A counter with one tag, created once. */
  public void count(String name, String tag, String value, String description) {
    Map<String, Counter> byValue = counters.get(name);
    Counter counter = byValue == null ? null : byValue.get(value);
    if (counter == null) {
      counter = counters.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).computeIfAbsent(value,
          k -> Counter.builder(name).description(description).tag(tag, value).register(registry));
    }
    counter.increment();
  }

  private Timer timer(String name, String tag, String value, String description) {
    Map<String, Timer> byValue = timers.get(name);
    Timer timer = byValue == null ? null : byValue.get(value);
    if (timer == null) {
      timer = timers.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).computeIfAbsent(value,
          k -> Timer.builder(name).description(description).tag(tag, value)
              // Histogram buckets, not client-side percentiles: several gateway pods' buckets add up
              // into fleet-wide quantiles (histogram_quantile), and recording is one bucket increment
              // where client-side percentiles write every heartbeat into a ring of HdrHistograms.
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(1))
              .maximumExpectedValue(Duration.ofSeconds(30))
              .register(registry));
    }
    return timer;
  }
}
