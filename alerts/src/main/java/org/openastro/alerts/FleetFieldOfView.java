package org.openastro.alerts;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openastro.cql.node.NodePages;
import org.openastro.domain.NodeStatus;

/**
 * The smallest {@code fov_deg} among the nodes that can observe now (ONLINE or BUSY): pointings of
 * that size are held whole by every node that may be given one, so no node leaves a gap in the
 * region (a node of a larger field covers a pointing and some margin). With no such node, the
 * setting {@code ALERT_TILING_FIELD_DEG}. The fleet is read a page at a time (at most
 * {@value #MAX_NODES} nodes) and the answer reused for {@code ALERT_TILING_FLEET_REFRESH}, so a
 * burst of alerts costs one read of the fleet.
 */
final class FleetFieldOfView implements FieldOfView {
  static final int MAX_NODES = 10_000;
  private static final int PAGE = 1000;
  private static final List<NodeStatus> OBSERVING = List.of(NodeStatus.ONLINE, NodeStatus.BUSY);

  private final NodePages pages;
  private final double fallbackDeg;
  private final Duration refresh;
  private final Clock clock;
  private volatile Double cached;
  private volatile Instant readAt = Instant.MIN;

  FleetFieldOfView(NodePages pages, double fallbackDeg, Duration refresh, Clock clock) {
    this.pages = pages;
    this.fallbackDeg = fallbackDeg;
    this.refresh = refresh;
    this.clock = clock;
  }

  @Override
  public Future<Double> fieldDeg() {
    Double known = cached;
    if (known != null && clock.instant().isBefore(readAt.plus(refresh))) {
      return Future.succeededFuture(known);
    }
    return smallest(null, Double.POSITIVE_INFINITY, 0).map(min -> {
      double field = Double.isInfinite(min) ? fallbackDeg : min;
      cached = field;
      readAt = clock.instant();
      return field;
    });
  }

  private Future<Double> smallest(NodePages.Cursor after, double min, int seen) {
    return pages.page(OBSERVING, PAGE, after).compose(page -> {
      double m = min;
      for (var n : page.nodes()) {
        if (n.fovDeg() > 0) {
          m = Math.min(m, n.fovDeg());
        }
      }
      int total = seen + page.nodes().size();
      return page.next() == null || total >= MAX_NODES ? Future.succeededFuture(m) : smallest(page.next(), m, total);
    });
  }
}
