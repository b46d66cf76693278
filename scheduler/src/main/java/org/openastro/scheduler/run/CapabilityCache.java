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
import org.openastro.cql.node.Node;

/**
 * Node rows for planning, which uses only what a node is and where (site, aperture, filters): those
 * change only when a node registers again, so a row is read once and again only after
 * {@link #MAX_AGE}. Planning over 100,000 nodes then reads their ids each sweep, not their rows.
 * The rows' status and claim are as of the read and must not be relied on. Confined to the
 * scheduler's event loop.
 */
final class CapabilityCache {
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  private final NodeRoster nodes;
  private final Map<UUID, Read> rows = new HashMap<>();

  CapabilityCache(NodeRoster nodes) {
    this.nodes = nodes;
  }

  /** The rows of {@code ids} (those still registered), reading only the unknown and the old; forgets the rest. */
  Future<List<Node>> rowsOf(List<UUID> ids, Instant now) {
    Set<UUID> wanted = new HashSet<>(ids);
    rows.keySet().retainAll(wanted);
    List<Future<Void>> reads = new ArrayList<>();
    for (UUID id : wanted) {
      Read known = rows.get(id);
      if (known == null || !now.isBefore(known.at().plus(MAX_AGE))) {
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

  private record Read(Node node, Instant at) {}
}
