package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;

class NodeRowCacheTest {
  final FakeFleet fleet = new FakeFleet();
  final OnlineRosterTest.CountingRoster counted = new OnlineRosterTest.CountingRoster(fleet);
  final NodeRowCache cache = new NodeRowCache(counted, 100);

  @Test
  void aRowIsReadOnceUntilItIsOld() {
    UUID a = fleet.add(NodeStatus.ONLINE);
    UUID b = fleet.add(NodeStatus.BUSY);

    assertThat(done(cache.rowsOf(List.of(a, b), T0))).extracting(Node::nodeId).containsExactly(a, b);
    assertThat(done(cache.rowsOf(List.of(a, b), T0.plusSeconds(60)))).hasSize(2);
    assertThat(counted.finds).isEqualTo(2);

    assertThat(done(cache.rowsOf(List.of(a), T0.plus(NodeRowCache.MAX_AGE)))).extracting(Node::nodeId)
        .containsExactly(a);
    assertThat(counted.finds).as("a read again when old").isEqualTo(3);
  }

  @Test
  void callersAskingForDifferentIdsShareRowsAndARowNobodyAsksForIsForgotten() {
    UUID online = fleet.add(NodeStatus.ONLINE);
    UUID parked = fleet.add(NodeStatus.PARKED);
    done(cache.rowsOf(List.of(online, parked), T0)); // planning: the whole fleet
    done(cache.rowsOf(List.of(online), T0.plusSeconds(1))); // the roster: ONLINE only
    done(cache.rowsOf(List.of(online, parked), T0.plusSeconds(2)));
    assertThat(counted.finds).as("the roster's read kept the parked row for planning").isEqualTo(2);

    Instant late = T0.plus(NodeRowCache.MAX_AGE.multipliedBy(2)).plusSeconds(3);
    done(cache.rowsOf(List.of(online), late));
    assertThat(cache.size()).as("the parked row, unasked for twice the max age, is gone").isEqualTo(1);
  }

  @Test
  void rowsAreReadAtMostReadsInFlightAtATime() {
    HeldRoster held = new HeldRoster(fleet);
    NodeRowCache bounded = new NodeRowCache(held, 3);
    List<UUID> ids = IntStream.range(0, 10).mapToObj(i -> fleet.add(NodeStatus.ONLINE)).toList();

    Future<List<Node>> rows = bounded.rowsOf(ids, T0);
    assertThat(held.pending).hasSize(3);
    held.answerOne();
    assertThat(held.pending).as("one answered, the next one asked").hasSize(3);
    while (!held.pending.isEmpty()) {
      assertThat(held.pending.size()).isLessThanOrEqualTo(3);
      held.answerOne();
    }
    assertThat(done(rows)).extracting(Node::nodeId).containsExactlyElementsOf(ids);
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

  /** A roster whose row reads wait until the test answers them, oldest first. */
  static final class HeldRoster extends OnlineRosterTest.CountingRoster {
    final Deque<Map.Entry<UUID, Promise<Optional<Node>>>> pending = new ArrayDeque<>();

    HeldRoster(NodeRoster inner) {
      super(inner);
    }

    void answerOne() {
      Map.Entry<UUID, Promise<Optional<Node>>> read = pending.poll();
      read.getValue().complete(done(inner.find(read.getKey())));
    }

    @Override
    public Future<Optional<Node>> find(UUID nodeId) {
      Promise<Optional<Node>> answer = Promise.promise();
      pending.add(Map.entry(nodeId, answer));
      return answer.future();
    }
  }
}
