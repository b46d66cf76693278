package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openastro.cql.testing.Await;
import org.openastro.events.EventAddresses;

class ShardHeartbeatsTest {
  final Vertx vertx = Vertx.vertx();
  final List<Integer> heard = new CopyOnWriteArrayList<>();
  final ShardHeartbeats heartbeats = new ShardHeartbeats(vertx, event -> heard.add(event.getInteger("shard")));

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  void publishToEveryShard() {
    for (int shard = 0; shard < 16; shard++) {
      vertx.eventBus().publish(EventAddresses.nodeHeartbeat(shard), new JsonObject().put("shard", shard));
    }
    vertx.eventBus().publish(EventAddresses.nodeHeartbeat(15), new JsonObject().put("shard", -1)); // the marker
  }

  @Test
  void onlyTheFollowedShardsAddressesAreHeardAndAShardGivenUpIsNoLonger() {
    Await.result(heartbeats.follow(Set.of(3, 7, 15)));
    Await.result(heartbeats.follow(Set.of(7))); // followed already: not a second consumer

    publishToEveryShard();
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(-1));
    assertThat(heard).containsExactly(3, 7, 15, -1);

    heard.clear();
    heartbeats.unfollow(Set.of(3, 4));
    publishToEveryShard();
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(-1));
    assertThat(heard).containsExactly(7, 15, -1);
    assertThat(heartbeats.followed()).containsExactlyInAnyOrder(7, 15);
  }
}
