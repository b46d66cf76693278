package org.openastro.cql.node;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;
import org.openastro.domain.NodeStatus;

/**
 * Pages of the fleet from nodes_by_status in one stable order: status (in the order asked), then
 * bucket, then node id as Cassandra orders it within a bucket. A {@link Cursor} is the last index
 * row handed out; the next page goes on from it, bucket after bucket, until the page is full. The
 * index is a hint: a node whose row has moved to another status is left out of this status's page.
 */
public final class NodePages {
  private final CqlSession session;
  private final NodeRepository nodes;
  private final PreparedStatement from;
  private final PreparedStatement after;

  /** Prepares statements (blocks): build at start-up. */
  public NodePages(CqlSession session) {
    this.session = session;
    this.nodes = new NodeRepository(session);
    this.from = session.prepare("SELECT node_id FROM nodes_by_status WHERE status = ? AND bucket = ? LIMIT ?");
    this.after = session.prepare("SELECT node_id FROM nodes_by_status WHERE status = ? AND bucket = ?"
        + " AND node_id > ? LIMIT ?");
  }

  /** Where a page ended: the last index row handed out. */
  public record Cursor(NodeStatus status, int bucket, UUID nodeId) {}

  /** The nodes of a page; {@code next} null on the last page. */
  public record Page(List<Node> nodes, Cursor next) {}

  private record Entry(NodeStatus status, int bucket, UUID id) {}

  /** Up to {@code limit} nodes in {@code statuses} (in that order) after {@code cursor} (null: the start). */
  public Future<Page> page(List<NodeStatus> statuses, int limit, Cursor cursor) {
    int s = cursor == null ? 0 : Math.max(0, statuses.indexOf(cursor.status()));
    int b = cursor == null ? 0 : cursor.bucket();
    return collect(statuses, s, b, cursor == null ? null : cursor.nodeId(), limit + 1, new ArrayList<>())
        .compose(entries -> {
          List<Entry> page = entries.subList(0, Math.min(limit, entries.size()));
          Entry last = page.isEmpty() ? null : page.get(page.size() - 1);
          Cursor next = entries.size() > limit ? new Cursor(last.status(), last.bucket(), last.id()) : null;
          List<Future<Optional<Node>>> reads = page.stream().map(e -> nodes.find(e.id())).toList();
          return Future.all(reads).map(all -> {
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
              NodeStatus indexed = page.get(i).status();
              all.<Optional<Node>>resultAt(i).filter(n -> n.status() == indexed).ifPresent(out::add);
            }
            return new Page(out, next);
          });
        });
  }

  private Future<List<Entry>> collect(List<NodeStatus> statuses, int s, int b, UUID afterId, int want,
      List<Entry> out) {
    if (out.size() >= want || s >= statuses.size()) {
      return Future.succeededFuture(out);
    }
    if (b >= Buckets.COUNT) {
      return collect(statuses, s + 1, 0, null, want, out);
    }
    NodeStatus status = statuses.get(s);
    int remaining = want - out.size();
    var statement = afterId == null ? from.bind(status.name(), b, remaining)
        : after.bind(status.name(), b, afterId, remaining);
    return VertxFutures.onCallerContext(session.executeAsync(statement))
        .compose(rs -> Rows.all(rs, r -> new Entry(status, b, r.getUuid("node_id"))))
        .compose(rows -> {
          out.addAll(rows);
          return collect(statuses, s, b + 1, null, want, out);
        });
  }
}
