package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openastro.cql.Buckets;
import org.openastro.cql.testing.Await;
import org.openastro.domain.NodeStatus;
import org.openastro.events.EventAddresses;

class HeartbeatEventsTest {
  final Vertx vertx = Vertx.vertx();
  final List<JsonObject> events = new CopyOnWriteArrayList<>();
  final List<String> addresses = new CopyOnWriteArrayList<>();

  HeartbeatEventsTest() {
    for (int shard = 0; shard < Buckets.COUNT; shard++) {
      vertx.eventBus().<JsonObject>consumer(EventAddresses.nodeHeartbeat(shard), m -> {
        addresses.add(m.address());
        events.add(m.body());
      });
    }
  }

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  /** The i-th node of shard 0 (a UUID's hash is its long halves' XOR folded to an int). */
  static UUID node(int i) {
    return new UUID(0, (long) i * Buckets.COUNT);
  }

  static HeartbeatEvents.Entry entry(int i) {
    return entry(node(i), i);
  }

  static HeartbeatEvents.Entry entry(UUID nodeId, int i) {
    return new HeartbeatEvents.Entry(nodeId, Instant.ofEpochMilli(1_700_000_000_000L + i), "mqtt",
        i % 2 == 0 ? NodeStatus.ONLINE : null, null);
  }

  /** Adds {@code count} entries in one event-loop task, as completions arriving together do. */
  void addOnContext(HeartbeatEvents batcher, int count) {
    vertx.runOnContext(v -> IntStream.range(0, count).forEach(i -> batcher.add(vertx, entry(i))));
  }

  @Test
  void heartbeatsOfOneIntervalAreOneEventWithEveryEntryInOrder() {
    addOnContext(new HeartbeatEvents(Duration.ofMillis(50)), 3);
    await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
    assertThat(events).hasSize(1);
    List<JsonObject> entries = events.get(0).getJsonArray("heartbeats").stream().map(JsonObject.class::cast).toList();
    assertThat(entries).extracting(e -> e.getString("node_id"))
        .containsExactly(node(0).toString(), node(1).toString(), node(2).toString());
    assertThat(entries.get(1).getString("received_at")).isEqualTo("2023-11-14T22:13:20.001Z");
    assertThat(entries.get(0).getString("status")).isEqualTo("ONLINE");
    assertThat(entries.get(1).containsKey("status")).isTrue();
    assertThat(entries.get(1).getValue("status")).isNull();
    assertThat(entries.get(2).getString("source")).isEqualTo("mqtt");
  }

  @Test
  void eachShardsHeartbeatsGoToItsOwnAddressSoAnInstanceHearsOnlyItsNodes() {
    HeartbeatEvents batcher = new HeartbeatEvents(Duration.ofMillis(50));
    UUID ofShard3 = new UUID(0, 3);
    UUID ofShard5 = new UUID(0, 5);
    UUID alsoOfShard3 = new UUID(0, 3 + Buckets.COUNT);
    assertThat(List.of(Buckets.of(ofShard3), Buckets.of(ofShard5), Buckets.of(alsoOfShard3))).containsExactly(3, 5, 3);
    vertx.runOnContext(v -> {
      batcher.add(vertx, entry(ofShard3, 0));
      batcher.add(vertx, entry(ofShard5, 1));
      batcher.add(vertx, entry(alsoOfShard3, 2));
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
    int shard3 = addresses.indexOf(EventAddresses.nodeHeartbeat(3));
    int shard5 = addresses.indexOf(EventAddresses.nodeHeartbeat(5));
    assertThat(events.get(shard3).getJsonArray("heartbeats").stream().map(e -> ((JsonObject) e).getString("node_id")))
        .containsExactly(ofShard3.toString(), alsoOfShard3.toString());
    assertThat(events.get(shard5).getJsonArray("heartbeats").stream().map(e -> ((JsonObject) e).getString("node_id")))
        .containsExactly(ofShard5.toString());
  }

  @Test
  void zeroIntervalPublishesEachHeartbeatAtOnceInTheBatchShape() {
    addOnContext(new HeartbeatEvents(Duration.ZERO), 3);
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
    assertThat(events).allSatisfy(e -> assertThat(e.getJsonArray("heartbeats")).hasSize(1));
  }

  @Test
  void aFullBatchIsPublishedWithoutWaitingAndTheRestFollows() {
    addOnContext(new HeartbeatEvents(Duration.ofMinutes(10)), HeartbeatEvents.MAX_BATCH + 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
    assertThat(events.get(0).getJsonArray("heartbeats")).hasSize(HeartbeatEvents.MAX_BATCH);
  }
}
