package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.ingest.HeartbeatHistoryReader;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** Heartbeat rows recorded in one event-loop turn go to the real Cassandra node in few, bounded batches. */
@ExtendWith(CassandraExtension.class)
class HeartbeatBatcherIT {
  static TestKeyspace keyspace;
  static HeartbeatHistoryWriter history;
  static HeartbeatHistoryReader reader;
  static Vertx vertx;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    history = new HeartbeatHistoryWriter(keyspace.session(), Duration.ofHours(1));
    reader = new HeartbeatHistoryReader(keyspace.session());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      Await.result(vertx.close());
    }
  }

  @Test
  void rowsOfOneTurnAreWrittenInBatchesOfAtMostMaxRows() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HeartbeatBatcher batcher = new HeartbeatBatcher(history, metrics(registry), 10, 4096);
    List<HeartbeatRow> rows = rows(25, null);

    recordInOneTurn(batcher, rows);

    assertAllStored(rows);
    DistributionSummary batches = registry.find("openastro.ingest.heartbeat.batch.rows").summary();
    assertThat(batches.count()).as("25 rows, 10 per batch").isEqualTo(3);
    assertThat(batches.max()).isEqualTo(10);
    assertThat(batches.totalAmount()).isEqualTo(25);
  }

  @Test
  void bigRowsCloseABatchBeforeItsEstimatedSizePassesTheLimit() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HeartbeatBatcher batcher = new HeartbeatBatcher(history, metrics(registry), 10, 4096);
    String telemetry = "{\"note\":\"" + "x".repeat(1500) + "\"}";
    List<HeartbeatRow> rows = rows(6, telemetry);

    recordInOneTurn(batcher, rows);

    assertAllStored(rows);
    DistributionSummary batches = registry.find("openastro.ingest.heartbeat.batch.rows").summary();
    assertThat(rows.get(0).estimatedBytes() * 2).isLessThanOrEqualTo(4096);
    assertThat(rows.get(0).estimatedBytes() * 3).isGreaterThan(4096);
    assertThat(batches.count()).as("two ~1.6 KB rows fit under 4 KiB, three do not").isEqualTo(3);
    assertThat(batches.max()).isEqualTo(2);
  }

  @Test
  void rowsFromManyRequestContextsOfOneEventLoopShareBatches() {
    // Vert.x runs every HTTP request on its own duplicate of the event loop's context.
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HeartbeatBatcher batcher = new HeartbeatBatcher(history, metrics(registry), 10, 4096);
    List<HeartbeatRow> rows = rows(10, null);

    Future<Void> all = Future.future(promise -> vertx.runOnContext(v -> {
      ContextInternal eventLoop = (ContextInternal) Vertx.currentContext();
      List<Future<Void>> written = new ArrayList<>();
      for (HeartbeatRow row : rows) {
        Promise<Void> one = Promise.promise();
        eventLoop.duplicate().runOnContext(x -> batcher.record(row).onComplete(one));
        written.add(one.future());
      }
      Future.all(written).<Void>mapEmpty().onComplete(promise);
    }));
    Await.result(all);

    assertAllStored(rows);
    DistributionSummary batches = registry.find("openastro.ingest.heartbeat.batch.rows").summary();
    assertThat(batches.count()).as("ten request contexts, one event loop, one batch").isEqualTo(1);
  }

  @Test
  void oneRowPerWriteWhenBatchingIsOff() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HeartbeatBatcher batcher = new HeartbeatBatcher(history, metrics(registry), 1, 4096);
    List<HeartbeatRow> rows = rows(4, null);

    recordInOneTurn(batcher, rows);

    assertAllStored(rows);
    assertThat(registry.find("openastro.ingest.heartbeat.batch.rows").summary().count()).isEqualTo(4);
  }

  private static IngestMetrics metrics(SimpleMeterRegistry registry) {
    return new IngestMetrics(registry, new WriteGate(1, 1));
  }

  /** Distinct nodes (so distinct partitions), like the heartbeats read from many connections in one turn. */
  private static List<HeartbeatRow> rows(int count, String telemetry) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<HeartbeatRow> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new HeartbeatRow(UUID.randomUUID(), now, "mqtt", "ONLINE", null, telemetry));
    }
    return rows;
  }

  private static void recordInOneTurn(HeartbeatBatcher batcher, List<HeartbeatRow> rows) {
    Future<Void> all = Future.future(promise -> vertx.runOnContext(v -> {
      List<Future<Void>> written = rows.stream().map(batcher::record).toList();
      Future.all(written).<Void>mapEmpty().onComplete(promise);
    }));
    Await.result(all);
  }

  private static void assertAllStored(List<HeartbeatRow> rows) {
    for (HeartbeatRow row : rows) {
      List<HeartbeatRow> stored = Await.result(reader.rowsOf(row.nodeId(), HeartbeatRow.dayOf(row.receivedAt())));
      assertThat(stored).containsExactly(row);
    }
  }
}
