package org.openastro.gateway.ingest;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Receive times that never repeat for one node. A history row's key is (node, day, received_at in
 * ms): two heartbeats of one node in the same millisecond (a ping and a publish) would otherwise
 * overwrite each other and one heartbeat would vanish from the history. Thread-safe; entries of
 * nodes silent for more than a few seconds are pruned, so memory follows the active nodes.
 */
public final class ReceiveClock {
  private static final long PRUNE_OLDER_THAN_MS = 5_000;

  private final ConcurrentHashMap<UUID, Long> lastMillis = new ConcurrentHashMap<>();
  private final LongSupplier wallMillis;
  private final int pruneAbove;

  public ReceiveClock() {
    this(System::currentTimeMillis, 100_000);
  }

  ReceiveClock(LongSupplier wallMillis, int pruneAbove) {
    this.wallMillis = wallMillis;
    this.pruneAbove = pruneAbove;
  }

  /** Now, or 1 ms after this node's previous stamp when that is not earlier than now. */
  public Instant stamp(UUID nodeId) {
    long now = wallMillis.getAsLong();
    long stamped = lastMillis.merge(nodeId, now, (previous, current) -> current > previous ? current : previous + 1);
    if (lastMillis.size() > pruneAbove) {
      lastMillis.values().removeIf(ms -> ms < now - PRUNE_OLDER_THAN_MS);
    }
    return Instant.ofEpochMilli(stamped);
  }
}
