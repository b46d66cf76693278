package org.openastro.scheduler.tom;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodePages;
import org.openastro.domain.NodeStatus;

/**
 * The registered nodes, read a page at a time from the by-status index, up to {@value #MAX_NODES}
 * (the network's design size): what the instrument list and the telescope states are made of. A
 * TOM caches the instruments for an hour, so the cost is paid rarely.
 */
final class Fleet {
  static final int MAX_NODES = 10_000;
  private static final int PAGE = 1000;
  private static final List<NodeStatus> ALL = List.of(NodeStatus.values());

  private final NodePages pages;

  Fleet(NodePages pages) {
    this.pages = pages;
  }

  Future<List<Node>> all() {
    return collect(null, new ArrayList<>());
  }

  private Future<List<Node>> collect(NodePages.Cursor after, List<Node> out) {
    return pages.page(ALL, PAGE, after).compose(page -> {
      out.addAll(page.nodes());
      return page.next() == null || out.size() >= MAX_NODES ? Future.succeededFuture(out) : collect(page.next(), out);
    });
  }
}
