package org.openastro.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.gateway.ingest.ReceiveClock;

class BridgeIngestTest {
  private static final UUID NODE = UUID.fromString("7a2253df-8bc9-4dd9-8a82-9f73ad52c134");
  private static final String TOPIC = "openastro/v1/nodes/" + NODE + "/heartbeat";

  private final List<HeartbeatRow> written = new ArrayList<>();
  private final BridgeIngest ingest = new BridgeIngest(row -> {
    written.add(row);
    return CompletableFuture.completedFuture(null);
  }, new ReceiveClock(), 1024);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aHeartbeatBecomesTheRowTheGatewayWouldStore() {
    UUID task = UUID.randomUUID();
    ingest.accept(TOPIC, bytes("{\"status\": \"BUSY\", \"current_task_id\": \"" + task + "\", \"telemetry\": {\"t\": 1}}"))
        .join();

    assertThat(written).singleElement().satisfies(row -> {
      assertThat(row.nodeId()).isEqualTo(NODE);
      assertThat(row.source()).isEqualTo("mqtt");
      assertThat(row.status()).isEqualTo("BUSY");
      assertThat(row.currentTaskId()).isEqualTo(task);
      assertThat(row.telemetry()).isEqualTo("{\"t\":1}");
      assertThat(row.receivedAt()).isNotNull();
    });
  }

  @Test
  void anEmptyHeartbeatMeansAliveWithTheStatusUnchanged() {
    ingest.accept(TOPIC, new byte[0]).join();

    assertThat(written).singleElement().satisfies(row -> {
      assertThat(row.status()).isNull();
      assertThat(row.currentTaskId()).isNull();
      assertThat(row.telemetry()).isNull();
    });
  }

  @Test
  void heartbeatsOfOneNodeGetDistinctReceiveTimesSoNoneOverwritesAnother() {
    for (int i = 0; i < 50; i++) {
      ingest.accept(TOPIC, bytes("{\"status\": \"ONLINE\"}")).join();
    }

    assertThat(written).extracting(HeartbeatRow::receivedAt).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void onlyTheGatewaysHeartbeatTopicsAreHeartbeats() {
    assertThat(BridgeIngest.nodeOf(TOPIC)).isEqualTo(NODE);
    assertThat(BridgeIngest.nodeOf("openastro/v1/nodes/" + NODE + "/progress")).isNull();
    // as the gateway: the id in any case, but only in its canonical 36-character form
    assertThat(BridgeIngest.nodeOf("openastro/v1/nodes/" + NODE.toString().toUpperCase() + "/heartbeat")).isEqualTo(NODE);
    assertThat(BridgeIngest.nodeOf("openastro/v1/nodes/1-2-3-4-5/heartbeat")).isNull();
    assertThat(BridgeIngest.nodeOf("openastro/v1/nodes/not-a-uuid/heartbeat")).isNull();
    assertThat(BridgeIngest.nodeOf("openastro/v1/nodes/" + NODE + "/x/heartbeat")).isNull();
    assertThat(BridgeIngest.nodeOf("other/v1/nodes/" + NODE + "/heartbeat")).isNull();
    assertThat(BridgeIngest.nodeOf(null)).isNull();
  }

  @Test
  void whatTheGatewayWouldRefuseIsNotWritten() {
    for (String payload : List.of("not json", "{\"status\": \"FAULTED\"}", "{\"status\": \"ONLINE\", \"extra\": 1}",
        "{\"status\": \"" + "X".repeat(2000) + "\"}")) {
      assertThatThrownBy(() -> ingest.accept(TOPIC, bytes(payload)).join())
          .isInstanceOf(CompletionException.class).hasCauseInstanceOf(BridgeIngest.Undecodable.class);
    }
    assertThatThrownBy(() -> ingest.accept("openastro/v1/nodes/" + NODE + "/progress", bytes("{}")).join())
        .hasCauseInstanceOf(BridgeIngest.Undecodable.class);

    assertThat(written).isEmpty();
  }

  @Test
  void aFailedWriteFailsTheHeartbeat() {
    BridgeIngest failing = new BridgeIngest(row -> CompletableFuture.failedFuture(new IllegalStateException("down")),
        new ReceiveClock(), 1024);

    assertThatThrownBy(() -> failing.accept(TOPIC, new byte[0]).join()).hasCauseInstanceOf(IllegalStateException.class);
  }
}
