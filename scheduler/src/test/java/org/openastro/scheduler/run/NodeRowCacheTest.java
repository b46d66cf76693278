package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;

class NodeRowCacheTest {
  final FakeFleet fleet = new FakeFleet();
  final OnlineRosterTest.CountingRoster counted = new OnlineRosterTest.CountingRoster(fleet);
  final NodeRowCache cache = new NodeRowCache(counted);

  @Test
  void aRowIsReadOnceUntilItIsOldAndForgottenWhenItsIdIsGone() {
    UUID a = fleet.add(NodeStatus.ONLINE);
    UUID b = fleet.add(NodeStatus.BUSY);

    assertThat(done(cache.rowsOf(List.of(a, b), T0))).extracting(Node::nodeId).containsExactly(a, b);
    assertThat(done(cache.rowsOf(List.of(a, b), T0.plusSeconds(60)))).hasSize(2);
    assertThat(counted.finds).isEqualTo(2);

    assertThat(done(cache.rowsOf(List.of(a), T0.plus(NodeRowCache.MAX_AGE)))).extracting(Node::nodeId)
        .containsExactly(a);
    assertThat(counted.finds).as("a read again when old").isEqualTo(3);
    assertThat(done(cache.rowsOf(List.of(a, b), T0.plus(NodeRowCache.MAX_AGE)))).hasSize(2);
    assertThat(counted.finds).as("b was forgotten, so read again").isEqualTo(4);
  }

  @Test
  void aRowTheCallerCannotTrustOrHasDistrustedIsReadAgain() {
    UUID a = fleet.add(NodeStatus.ONLINE);
    UUID b = fleet.add(NodeStatus.BUSY);
    done(cache.rowsOf(List.of(a, b), T0));

    done(cache.rowsOf(List.of(a, b), T0.plusSeconds(1), n -> n.status() == NodeStatus.ONLINE));
    assertThat(counted.finds).as("b, not ONLINE when read").isEqualTo(3);

    cache.distrust(a);
    done(cache.rowsOf(List.of(a, b), T0.plusSeconds(2)));
    assertThat(counted.finds).isEqualTo(4);
  }

  @Test
  void anIdWithoutARowIsLeftOut() {
    assertThat(done(cache.rowsOf(List.of(UUID.randomUUID()), T0))).isEmpty();
  }
}
