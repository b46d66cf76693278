package org.openastro.chaos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every node's status from Cassandra once a {@code period} and keeps each time a node was
 * first seen FAULTED (one entry per episode: FAULTED, then something else, then FAULTED again is two).
 * The source of "nodes falsely FAULTED" and of fault detection delays. A read that fails (a
 * Cassandra node is being killed) is skipped; the next one catches up, since a wrongly faulted
 * node stays FAULTED until it is heard again, one heartbeat interval later.
 */
final class FleetWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetWatch.class);

  private final CqlSession session;
  private final SimpleStatement read;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chaos-fleet-watch");
    t.setDaemon(true);
    return t;
  });
  private final Map<UUID, String> lastStatus = new HashMap<>();
  private final Map<UUID, List<Long>> faultedAt = new ConcurrentHashMap<>();
  private volatile long failedReads;
  private volatile long reads;

  FleetWatch(CqlSession session, String keyspace, Duration period) {
    this.session = session;
    this.read = SimpleStatement.newInstance("SELECT node_id, status FROM " + keyspace + ".nodes")
        .setPageSize(5000).setTimeout(Duration.ofSeconds(10));
    timer.scheduleWithFixedDelay(this::poll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void poll() {
    long now = System.currentTimeMillis();
    try {
      for (Row row : session.execute(read)) {
        UUID id = row.getUuid(0);
        String status = row.getString(1);
        String before = lastStatus.put(id, status);
        if ("FAULTED".equals(status) && !"FAULTED".equals(before)) {
          faultedAt.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(now);
        }
      }
      reads++;
    } catch (RuntimeException e) {
      failedReads++;
      LOG.debug("fleet read failed: {}", e.toString());
    }
  }

  /** Every node seen FAULTED, with the times (ms) each episode was first seen. */
  Map<UUID, List<Long>> faulted() {
    Map<UUID, List<Long>> copy = new HashMap<>();
    faultedAt.forEach((id, times) -> copy.put(id, List.copyOf(times)));
    return copy;
  }

  /** When {@code node} was first seen FAULTED at or after {@code sinceMs}, or -1. */
  long firstFaultedSince(UUID node, long sinceMs) {
    return faultedAt.getOrDefault(node, List.of()).stream().filter(t -> t >= sinceMs).findFirst().orElse(-1L);
  }

  boolean everFaulted(Set<UUID> nodes) {
    return nodes.stream().anyMatch(faultedAt::containsKey);
  }

  long reads() {
    return reads;
  }

  long failedReads() {
    return failedReads;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
