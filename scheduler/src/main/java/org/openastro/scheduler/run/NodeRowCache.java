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
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.openastro.cql.node.Node;

/**
 * Node rows kept between reads of the fleet, so that planning and assignment over 100,000 nodes
 * read the ids of a status (a few index partitions) each time, not every row. What a node is and
 * where (site, aperture, filters) changes only when it registers again, so a row is read again
 * only after {@link #MAX_AGE}, or sooner when the caller cannot trust it (a status or claim that
 * may have moved since). Confined to the scheduler's event loop.
 */
final class NodeRowCache {
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  private final NodeRoster nodes;
  private final Map<UUID, Read> rows = new HashMap<>();

  NodeRowCache(NodeRoster nodes) {
    this.nodes = nodes;
  }

  /** The rows of {@code ids} (those still registered), reading only the unknown and the old; forgets the rest. */
  Future<List<Node>> rowsOf(List<UUID> ids, Instant now) {
    return rowsOf(ids, now, row -> true);
  }

  /**
   * As {@link #rowsOf(List, Instant)}, and rows that fail {@code trusted} (as they were read, or
   * after {@link #distrust}) are read again too.
   */
  Future<List<Node>> rowsOf(List<UUID> ids, Instant now, Predicate<Node> trusted) {
    Set<UUID> wanted = new HashSet<>(ids);
    rows.keySet().retainAll(wanted);
    List<Future<Void>> reads = new ArrayList<>();
    for (UUID id : wanted) {
      Read known = rows.get(id);
      if (known == null || !now.isBefore(known.at().plus(MAX_AGE)) || !trusted.test(known.node())) {
        reads.add(nodes.find(id).map(found -> {
          found.ifPresentOrElse(n -> rows.put(id, new Read(n, now)), () -> rows.remove(id));
          return null;
        }));
      }
    }
    return Future.all(reads).map(x -> {
      List<Node> out = new ArrayList<>(wanted.size());
      for (UUID id : ids) {
        Optional.ofNullable(rows.get(id)).ifPresent(r -> out.add(r.node()));
      }
      return out;
    });
  }

  /** The row of {@code id} is read again next time, whatever it says (this instance just changed it). */
  void distrust(UUID id) {
    rows.computeIfPresent(id, (k, read) -> new Read(read.node(), Instant.MIN));
  }

  private record Read(Node node, Instant at) {}
}
