package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;

/**
 * The leader's list of ONLINE nodes, so that an assignment round (every tick while work is
 * pending) does not read every free node's row: at 100,000 idle nodes that was 100,000 reads
 * per round. At most every {@code refresh} it reads the ONLINE ids (16 index partitions) and
 * only the rows it cannot trust: new ones, ones that held a claim or were not ONLINE when read
 * (claims are released and statuses moved by other instances), and ones older than
 * {@link NodeRowCache#MAX_AGE} (capabilities change only on re-registration).
 *
 * <p>Staleness is safe: a claim is an LWT on {@code IF current_task_id = null AND status =
 * 'ONLINE'}, so a node that is no longer free only costs a refused claim. The claims this
 * instance takes and releases are seen at once (it is the {@link Claims} the assigner uses), so a
 * node just given work is not proposed again. A node freed elsewhere waits at most
 * {@code refresh} for its next task. Confined to the scheduler's event loop.
 */
final class OnlineRoster implements NodeRoster, Claims {
  private final NodeRoster nodes;
  private final Claims claims;
  private final Duration refresh;
  private final Clock clock;
  private final NodeRowCache rows;
  /** Claimed by this instance since the last refresh. */
  private final Set<UUID> taken = new HashSet<>();
  private List<Node> online = List.of();
  private Instant refreshedAt;
  private Future<List<Node>> refreshing;

  /** {@code rows}: the cache of node rows this instance shares with planning. */
  OnlineRoster(NodeRoster nodes, Claims claims, Duration refresh, Clock clock, NodeRowCache rows) {
    this.nodes = nodes;
    this.claims = claims;
    this.refresh = refresh;
    this.clock = clock;
    this.rows = rows;
  }

  @Override
  public Future<List<Node>> nodesIn(NodeStatus status) {
    if (status != NodeStatus.ONLINE) {
      return nodes.nodesIn(status);
    }
    Instant now = clock.instant();
    if (refreshedAt != null && now.isBefore(refreshedAt.plus(refresh))) {
      return Future.succeededFuture(untaken());
    }
    if (refreshing != null) {
      return refreshing; // one reload at a time: a round asking meanwhile shares it
    }
    Future<List<Node>> reload = reload(now);
    if (!reload.isComplete()) {
      refreshing = reload;
      reload.onComplete(x -> refreshing = null);
    }
    return reload;
  }

  /** The ONLINE ids; a row is read again unless it was free (ONLINE, no claim) when read. */
  private Future<List<Node>> reload(Instant now) {
    return nodes.idsIn(NodeStatus.ONLINE)
        .compose(ids -> rows.rowsOf(ids, now, n -> n.status() == NodeStatus.ONLINE && n.currentTaskId() == null))
        .map(read -> {
          online = read.stream().filter(n -> n.status() == NodeStatus.ONLINE).toList();
          refreshedAt = now;
          taken.clear();
          return untaken();
        });
  }

  private List<Node> untaken() {
    return taken.isEmpty() ? online : online.stream().filter(n -> !taken.contains(n.nodeId())).toList();
  }

  @Override
  public Future<Boolean> claim(UUID nodeId, UUID taskId) {
    return claims.claim(nodeId, taskId).map(ok -> {
      // Taken now, or taken by someone else: either way not free for this instance's next round.
      taken.add(nodeId);
      rows.distrust(nodeId);
      return ok;
    });
  }

  @Override
  public Future<Boolean> release(UUID nodeId, UUID taskId) {
    return claims.release(nodeId, taskId).map(ok -> {
      if (ok) {
        taken.remove(nodeId);
      }
      return ok;
    });
  }

  @Override
  public Future<Optional<Node>> find(UUID nodeId) {
    return nodes.find(nodeId);
  }

  @Override
  public Future<List<UUID>> idsIn(NodeStatus status) {
    return nodes.idsIn(status);
  }

  @Override
  public Future<List<UUID>> idsIn(NodeStatus status, int shard) {
    return nodes.idsIn(status, shard);
  }
}
