package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;

class FreeNodeIndexTest {
  static final Instant AT = Instant.parse("2026-03-20T20:00:00Z");

  static Node at(double lat, double lon, double reliability, Random random) {
    return new Node(new UUID(random.nextLong(), random.nextLong()), NodeStatus.ONLINE, lat, lon, 0, 300, 1,
        Set.of("V"), MountType.EQ, ControlProtocol.INDI, reliability, null, null, AT, AT);
  }

  static List<Node> walked(FreeNodeIndex index, SiteBound bound) {
    List<Node> out = new ArrayList<>();
    FreeNodeIndex.Walk walk = index.walk(bound, index.cellsKept(bound));
    for (Node n = walk.next(); n != null; n = walk.next()) {
      out.add(n);
    }
    return out;
  }

  @Test
  void cellsCoverTheGlobeWithTheSkysLongitudes() {
    assertThat(FreeNodeIndex.cellOf(-90, -180)).isZero();
    assertThat(FreeNodeIndex.cellOf(90, 180)).isEqualTo(FreeNodeIndex.ROWS * FreeNodeIndex.COLS - 1);
    assertThat(FreeNodeIndex.cellOf(10, 200)).isEqualTo(FreeNodeIndex.cellOf(10, -160));
    assertThat(FreeNodeIndex.cellOf(10, 360)).isEqualTo(FreeNodeIndex.cellOf(10, 0));
    assertThat(FreeNodeIndex.cellOf(2.9, 2.9)).isEqualTo(FreeNodeIndex.cellOf(0, 0));
    assertThat(FreeNodeIndex.cellOf(3.1, 0)).isEqualTo(FreeNodeIndex.cellOf(0, 0) + 1);
    assertThat(FreeNodeIndex.cellOf(0, 3.1)).isEqualTo(FreeNodeIndex.cellOf(0, 0) + FreeNodeIndex.ROWS);
  }

  @Test
  void aWalkGivesTheKeptCellsNodesInVisitOrder() {
    Random random = new Random(11);
    List<Node> fleet = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // Few distinct scores, so that ties fall back to the node id.
      fleet.add(at(Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)), -180 + 360 * random.nextDouble(),
          random.nextInt(5) / 4.0, random));
    }
    FreeNodeIndex index = FreeNodeIndex.of(fleet);
    assertThat(walked(index, SiteBound.EVERYWHERE))
        .isEqualTo(fleet.stream().sorted(FreeNodeIndex.VISIT_ORDER).toList());
    assertThat(walked(index, SiteBound.NOWHERE)).isEmpty();

    Mission crab = Fixtures.mission("m", 50, null);
    SiteBound bound = SiteBound.of(crab, new SkyLimits(30, true, -12, null, null), AT, AT.plus(Duration.ofMinutes(30)));
    List<Node> kept = walked(index, bound);
    assertThat(kept).isSortedAccordingTo(FreeNodeIndex.VISIT_ORDER).doesNotHaveDuplicates();
    assertThat(kept.size()).isBetween(fleet.size() / 50, fleet.size() / 3);
    Set<Node> keptSet = new HashSet<>(kept);
    Set<Integer> keptCells = new HashSet<>();
    for (int cell : index.cellsKept(bound)) {
      keptCells.add(cell);
    }
    int sitesDropped = 0;
    for (Node n : fleet) {
      // Walked: the nodes of the kept cells whose own site the bound keeps too.
      boolean cellKept = keptCells.contains(FreeNodeIndex.cellOf(n.lat(), n.lon()));
      boolean siteKept = bound.keepsSite(n.lat(), n.lon());
      assertThat(keptSet.contains(n)).isEqualTo(cellKept && siteKept);
      sitesDropped += cellKept && !siteKept ? 1 : 0;
    }
    assertThat(sitesDropped).as("nodes at the edge of the kept region").isPositive();
  }

  @Test
  void anEmptyRoundHasNothingToWalk() {
    FreeNodeIndex index = FreeNodeIndex.of(List.of());
    assertThat(index.size()).isZero();
    assertThat(walked(index, SiteBound.EVERYWHERE)).isEmpty();
  }
}
