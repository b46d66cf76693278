package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.openastro.cql.node.Node;

/**
 * Node rows kept between reads of the fleet, so that planning and assignment over 100,000 nodes
 * read the ids of a status (a few index partitions) each time, not every row. What a node is and
 * where (site, aperture, filters) changes only when it registers again, so a row is read again
 * only after {@link #MAX_AGE}, or sooner when the caller cannot trust it (a status or claim that
 * may have moved since). One cache serves planning and the assignment roster, so a row is held
 * once; a row nobody asked for in twice {@link #MAX_AGE} is forgotten. Rows are read at most
 * {@code readsInFlight} at a time: the first read of a large fleet is 100,000 rows, which issued
 * at once overran the driver's request queue and the heap. Confined to the scheduler's event loop.
 */
final class NodeRowCache {
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  private final NodeRoster nodes;
  private final int readsInFlight;
  private final Map<UUID, Read> rows = new HashMap<>();
  private Instant forgottenAt = Instant.MIN;

  NodeRowCache(NodeRoster nodes, int readsInFlight) {
    this.nodes = nodes;
    this.readsInFlight = readsInFlight;
  }

  /** The rows of {@code ids} (those still registered), reading only the unknown and the old. */
  Future<List<Node>> rowsOf(List<UUID> ids, Instant now) {
    return rowsOf(ids, now, row -> true);
  }

  /**
   * As {@link #rowsOf(List, Instant)}, and rows that fail {@code trusted} (as they were read, or
   * after {@link #distrust}) are read again too.
   */
  Future<List<Node>> rowsOf(List<UUID> ids, Instant now, Predicate<Node> trusted) {
    forgetUnused(now);
    List<UUID> toRead = new ArrayList<>();
    for (UUID id : new HashSet<>(ids)) {
      Read known = rows.get(id);
      if (known == null || !now.isBefore(known.at().plus(MAX_AGE)) || !trusted.test(known.node())) {
        toRead.add(id);
      } else {
        known.usedAt = now;
      }
    }
    return BoundedFanOut.each(toRead, readsInFlight, id -> nodes.find(id).map(found -> {
      found.ifPresentOrElse(n -> rows.put(id, new Read(n, now)), () -> rows.remove(id));
      return null;
    })).map(x -> {
      List<Node> out = new ArrayList<>(ids.size());
      for (UUID id : ids) {
        Optional.ofNullable(rows.get(id)).ifPresent(r -> out.add(r.node()));
      }
      return out;
    });
  }

  /** Once per {@link #MAX_AGE}: rows no caller asked for in twice that are dropped (deregistered, or not wanted). */
  private void forgetUnused(Instant now) {
    if (now.isBefore(forgottenAt.plus(MAX_AGE))) {
      return;
    }
    forgottenAt = now;
    Instant cutoff = now.minus(MAX_AGE.multipliedBy(2));
    rows.values().removeIf(r -> r.usedAt.isBefore(cutoff));
  }

  /** Rows held. */
  int size() {
    return rows.size();
  }

  /** The row of {@code id} is read again next time, whatever it says (this instance just changed it). */
  void distrust(UUID id) {
    rows.computeIfPresent(id, (k, read) -> new Read(read.node(), Instant.MIN, read.usedAt));
  }

  /** A row, when it was read, and when a caller last had it (for {@link #forgetUnused}). */
  private static final class Read {
    private final Node node;
    private final Instant at;
    private Instant usedAt;

    Read(Node node, Instant at) {
      this(node, at, at);
    }

    Read(Node node, Instant at, Instant usedAt) {
      this.node = node;
      this.at = at;
      this.usedAt = usedAt;
    }

    Node node() {
      return node;
    }

    Instant at() {
      return at;
    }
  }
}
