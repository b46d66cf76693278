package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;

/** The leader's cached ONLINE roster: few reads, claims seen at once, other instances' changes within a refresh. */
class OnlineRosterTest {
  static final Duration REFRESH = Duration.ofSeconds(2);

  final TestClock clock = new TestClock(T0);
  final FakeFleet fleet = new FakeFleet();
  final CountingRoster counted = new CountingRoster(fleet);
  final OnlineRoster roster = new OnlineRoster(counted, fleet, REFRESH, clock, new NodeRowCache(counted, 100));

  List<UUID> online() {
    return done(roster.nodesIn(NodeStatus.ONLINE)).stream().map(Node::nodeId).toList();
  }

  @Test
  void aRoundWithinTheRefreshReadsNothingAndALaterOneOnlyTheIds() {
    UUID a = fleet.add(NodeStatus.ONLINE);
    UUID b = fleet.add(NodeStatus.ONLINE);
    fleet.add(NodeStatus.BUSY);

    assertThat(online()).containsExactlyInAnyOrder(a, b);
    assertThat(counted.finds).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(online()).containsExactlyInAnyOrder(a, b);
    assertThat(counted.idReads).isEqualTo(1);

    clock.advance(REFRESH);
    assertThat(online()).containsExactlyInAnyOrder(a, b);
    assertThat(counted.idReads).isEqualTo(2);
    assertThat(counted.finds).as("rows of free nodes are trusted").isEqualTo(2);
  }

  @Test
  void aNodeThisInstanceClaimedIsNotOfferedAgainAndItsRowIsReadAtTheNextRefresh() {
    UUID a = fleet.add(NodeStatus.ONLINE);
    UUID b = fleet.add(NodeStatus.ONLINE);
    online();

    assertThat(done(roster.claim(a, UUID.randomUUID()))).isTrue();
    assertThat(online()).containsExactly(b);

    clock.advance(REFRESH);
    assertThat(online()).as("its row now says it holds a claim").containsExactlyInAnyOrder(a, b);
    assertThat(done(roster.nodesIn(NodeStatus.ONLINE))).filteredOn(n -> n.nodeId().equals(a))
        .allSatisfy(n -> assertThat(n.currentTaskId()).isNotNull());
    assertThat(counted.finds).isEqualTo(3);
  }

  @Test
  void aClaimReleasedHereOffersTheNodeAgainAtOnce() {
    UUID a = fleet.add(NodeStatus.ONLINE);
    online();
    UUID task = UUID.randomUUID();
    done(roster.claim(a, task));
    assertThat(online()).isEmpty();

    assertThat(done(roster.release(a, task))).isTrue();
    assertThat(online()).containsExactly(a);
  }

  @Test
  void aNodeFreedOrTakenByAnotherInstanceIsSeenAfterARefresh() {
    UUID held = fleet.add(NodeStatus.ONLINE);
    fleet.set(held, NodeStatus.ONLINE, UUID.randomUUID(), T0); // claimed elsewhere
    UUID faulting = fleet.add(NodeStatus.ONLINE);
    online();

    fleet.set(held, NodeStatus.ONLINE, null, T0); // its task ended on another instance
    fleet.set(faulting, NodeStatus.FAULTED, null, T0);
    clock.advance(REFRESH);

    assertThat(done(roster.nodesIn(NodeStatus.ONLINE))).extracting(Node::nodeId).containsExactly(held);
    assertThat(done(roster.nodesIn(NodeStatus.ONLINE)).get(0).currentTaskId()).isNull();
  }

  @Test
  void otherStatusesAreReadThrough() {
    UUID busy = fleet.add(NodeStatus.BUSY);
    assertThat(done(roster.nodesIn(NodeStatus.BUSY))).extracting(Node::nodeId).containsExactly(busy);
  }

  /** Counts the reads that reach storage. */
  static class CountingRoster implements NodeRoster {
    final NodeRoster inner;
    int finds;
    int idReads;

    CountingRoster(NodeRoster inner) {
      this.inner = inner;
    }

    @Override
    public Future<Optional<Node>> find(UUID nodeId) {
      finds++;
      return inner.find(nodeId);
    }

    @Override
    public Future<List<UUID>> idsIn(NodeStatus status) {
      idReads++;
      return inner.idsIn(status);
    }

    @Override
    public Future<List<UUID>> idsIn(NodeStatus status, int shard) {
      return inner.idsIn(status, shard);
    }

    @Override
    public Future<List<Node>> nodesIn(NodeStatus status) {
      return inner.nodesIn(status);
    }
  }
}
