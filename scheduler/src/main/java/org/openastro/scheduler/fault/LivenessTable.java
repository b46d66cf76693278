package org.openastro.scheduler.fault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The last heartbeat of every node that can fault (ONLINE or BUSY), and which of them fell
 * silent. Confined to one thread (the scheduler's event loop); rebuilt from Cassandra on start,
 * so a restart loses no fault: a node whose newest stored heartbeat is old faults on the first sweep.
 *
 * <p>A sweep costs O(faulted + log n) rather than a scan of every node: deadlines sit in a heap,
 * and a heartbeat only replaces the node's entry in the map (stale heap entries are skipped).
 */
public final class LivenessTable {
  private final FaultRule rule;
  private final Map<UUID, Instant> lastHeard = new HashMap<>();
  private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>();

  public LivenessTable(FaultRule rule) {
    this.rule = rule;
  }

  /** Records a heartbeat; an older one than already known (reordered delivery) changes nothing. */
  public void heard(UUID nodeId, Instant at) {
    Instant known = lastHeard.get(nodeId);
    if (known != null && !at.isAfter(known)) {
      return;
    }
    lastHeard.put(nodeId, at);
    deadlines.add(new Deadline(rule.faultAt(at), nodeId, at));
  }

  /** Stops watching a node (it faulted, parked, or is handled elsewhere). */
  public void forget(UUID nodeId) {
    lastHeard.remove(nodeId);
  }

  /** Stops watching every node {@code which} matches (a shard given to another instance). */
  public void forgetIf(Predicate<UUID> which) {
    lastHeard.keySet().removeIf(which);
  }

  public boolean watches(UUID nodeId) {
    return lastHeard.containsKey(nodeId);
  }

  public Instant lastHeard(UUID nodeId) {
    return lastHeard.get(nodeId);
  }

  /**
   * The nodes silent for the rule's limit at {@code now}, each reported once: they are no
   * longer watched until they heartbeat again.
   */
  public List<Silent> silentAt(Instant now) {
    List<Silent> silent = new ArrayList<>();
    while (!deadlines.isEmpty() && !deadlines.peek().at().isAfter(now)) {
      Deadline d = deadlines.poll();
      if (d.heardAt().equals(lastHeard.get(d.nodeId()))) {
        lastHeard.remove(d.nodeId());
        silent.add(new Silent(d.nodeId(), d.heardAt()));
      }
    }
    return silent;
  }

  public int size() {
    return lastHeard.size();
  }

  /** A node that fell silent, with the last heartbeat it sent. */
  public record Silent(UUID nodeId, Instant lastHeartbeat) {}

  private record Deadline(Instant at, UUID nodeId, Instant heardAt) implements Comparable<Deadline> {
    @Override
    public int compareTo(Deadline o) {
      return at.compareTo(o.at);
    }
  }
}
