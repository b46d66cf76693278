package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.node.Node;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;

class PlanningSampleTest {
  static Node at(double lat, double lon, double reliability, Random random) {
    return new Node(new UUID(random.nextLong(), random.nextLong()), NodeStatus.ONLINE, lat, lon, 100, 300, 1.0,
        Set.of("V"), MountType.EQ, ControlProtocol.INDI, reliability, null, null, Fixtures.NOW, Fixtures.NOW);
  }

  @Test
  void aSmallFleetIsPlannedOverWhole() {
    Random random = new Random(1);
    List<Node> fleet = List.of(at(10, 10, 0.5, random), at(-30, 100, 0.5, random));
    assertThat(PlanningSample.spread(fleet, 256)).isSameAs(fleet);
  }

  @Test
  void aLargeFleetIsSampledWithEveryOccupiedCellRepresentedAndTheSameSampleEachTime() {
    Random random = new Random(7);
    List<Node> fleet = new ArrayList<>();
    // 100,000 nodes, nine in ten crowded in Europe, the rest anywhere
    for (int i = 0; i < 100_000; i++) {
      fleet.add(i % 10 == 0 ? at(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180, random.nextDouble(), random)
          : at(40 + random.nextDouble() * 15, random.nextDouble() * 25, random.nextDouble(), random));
    }
    List<Node> sample = PlanningSample.spread(fleet, 512);

    assertThat(sample).hasSize(512).doesNotHaveDuplicates();
    Set<String> cellsOfFleet = new HashSet<>();
    fleet.forEach(n -> cellsOfFleet.add(cell(n)));
    Set<String> cellsOfSample = new HashSet<>();
    sample.forEach(n -> cellsOfSample.add(cell(n)));
    assertThat(cellsOfFleet.size()).isLessThanOrEqualTo(512);
    assertThat(cellsOfSample).isEqualTo(cellsOfFleet);
    assertThat(PlanningSample.spread(new ArrayList<>(fleet), 512)).containsExactlyElementsOf(sample);
  }

  @Test
  void withinACellTheMostReliableGoFirst() {
    Random random = new Random(3);
    Node poor = at(50, 5, 0.1, random);
    Node good = at(51, 6, 0.9, random);
    Node elsewhere = at(-33, 151, 0.2, random);
    assertThat(PlanningSample.spread(List.of(poor, good, elsewhere), 2)).containsExactlyInAnyOrder(good, elsewhere);
  }

  static String cell(Node n) {
    return Math.floor((n.lat() + 90) / 15) + "/" + Math.floor(((n.lon() % 360 + 360) % 360) / 15);
  }
}
