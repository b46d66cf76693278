package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.Store;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.NodeStatus;
import org.openastro.events.EventAddresses;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Two scheduler instances on one keyspace split the 16 shards between them; when one dies
 * without a word (no lease given up), the other takes its share within SCHEDULER_FAILOVER, faults
 * the node that fell silent in it exactly once, and leaves the nodes still heartbeating ONLINE.
 */
@ExtendWith(CassandraExtension.class)
class ShardFailoverIT {
  static final Duration FAILOVER = Duration.ofSeconds(6);
  static final Map<String, String> SHARDED = Map.of("SCHEDULER_FAILOVER", FAILOVER.toSeconds() + "s");

  @Test
  void aDeadInstancesShareMovesWithinTheFailoverTimeAndItsSilentNodeFaultsOnce(CassandraTestNode cassandra) {
    try (TestKeyspace keyspace = TestKeyspace.create(cassandra, "shards");
        SimulatedNetwork network = new SimulatedNetwork(keyspace.session())) {
      SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
      SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
      Vertx second = Vertx.vertx();
      network.alsoPublishTo(second);
      try {
        LoopOnly first = new LoopOnly(assembly(keyspace, firstMeters));
        Await.result(network.vertx.deployVerticle(first));
        Await.result(second.deployVerticle(new LoopOnly(assembly(keyspace, secondMeters))));

        await().atMost(FAILOVER.multipliedBy(4)).untilAsserted(() -> {
          Map<String, Integer> shares = shares(keyspace);
          assertThat(shares.values()).as("owners %s", shares).containsExactly(8, 8);
        });
        Map<Integer, String> owners = owners(keyspace);
        String firstId = owners.get(0); // the first instance leads: it took every shard before the second came
        int shardOfSecond = owners.entrySet().stream().filter(e -> !e.getValue().equals(firstId))
            .findFirst().orElseThrow().getKey();

        UUID silenced = network.onlineNodeIn(shardOfSecond);
        UUID beating = network.onlineNodeIn(shardOfSecond);
        network.keepBeating(silenced);
        network.keepBeating(beating);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(keyspace, beating) == NodeStatus.ONLINE);

        // The second instance dies: its timers stop, its leases are left to expire.
        Instant died = Instant.now();
        Await.result(second.close());
        network.silence(silenced);

        await().atMost(FAILOVER.plusSeconds(4)).untilAsserted(() ->
            assertThat(shares(keyspace)).as("every shard with the survivor").containsExactly(Map.entry(firstId, 16)));
        Duration movedAfter = Duration.between(died, Instant.now());
        // A beating node of a taken shard would stay ONLINE even unheard (a fault is confirmed
        // against its stored heartbeat first), so what shows that the survivor hears the taken
        // shards is what it listens on: every shard's heartbeat address.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(first.onLoop(() -> first.loop.followed())).hasSize(16));

        await().atMost(FAILOVER.plusSeconds(10)).until(() -> status(keyspace, silenced) == NodeStatus.FAULTED);
        assertThat(status(keyspace, beating)).as("heartbeating all along").isEqualTo(NodeStatus.ONLINE);
        assertThat(faults(firstMeters) + faults(secondMeters)).as("faulted once, by one instance").isEqualTo(1);
        assertThat(movedAfter).isLessThanOrEqualTo(FAILOVER.plusSeconds(4));
      } finally {
        second.close();
      }
    }
  }

  static SchedulerAssembly assembly(TestKeyspace keyspace, SimpleMeterRegistry meters) {
    return SchedulerAssembly.build(new Store(keyspace.session()), SimulatedNetwork.config(SHARDED), meters);
  }

  static double faults(SimpleMeterRegistry meters) {
    var counter = meters.find("openastro.scheduler.faults.detected").counter();
    return counter == null ? 0 : counter.count();
  }

  static NodeStatus status(TestKeyspace keyspace, UUID node) {
    return NodeStatus.valueOf(keyspace.session().execute("SELECT status FROM nodes WHERE node_id = ?", node).one()
        .getString(0));
  }

  static Map<Integer, String> owners(TestKeyspace keyspace) {
    Map<Integer, String> owners = new HashMap<>();
    keyspace.session().execute("SELECT shard, owner FROM scheduler_shards").forEach(r -> owners.put(r.getInt(0), r.getString(1)));
    return owners;
  }

  static Map<String, Integer> shares(TestKeyspace keyspace) {
    Map<String, Integer> shares = new HashMap<>();
    owners(keyspace).values().forEach(o -> shares.merge(o, 1, Integer::sum));
    return shares;
  }

  /**
   * The scheduler loop wired as SchedulerVerticle wires it (heartbeats only on its shards' addresses,
   * which the loop follows as it gains and loses shards), but whose stop does nothing: closing
   * its Vert.x ends its timers and handlers as a crash would, and gives no lease up.
   */
  static final class LoopOnly extends VerticleBase {
    private final SchedulerAssembly assembly;
    volatile SchedulerLoop loop;

    /** Reads the loop's state on its event loop, where it is confined. */
    <T> T onLoop(Supplier<T> read) {
      Promise<T> value = Promise.promise();
      context.runOnContext(v -> value.complete(read.get()));
      return Await.result(value.future());
    }

    LoopOnly(SchedulerAssembly assembly) {
      this.assembly = assembly;
    }

    @Override
    public Future<?> start() {
      loop = assembly.loop(vertx, Clock.systemUTC());
      vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_PROGRESS, m -> loop.onProgress(m.body()));
      return loop.start();
    }
  }
}
