package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openastro.api.http.OverloadedException;

/** Driven from the test thread (no Vert.x context: queued writes start on the releasing thread). */
class WriteGateTest {
  final List<Promise<String>> started = new ArrayList<>();

  Supplier<Future<String>> write() {
    return () -> {
      Promise<String> p = Promise.promise();
      started.add(p);
      return p.future();
    };
  }

  @Test
  void boundsInFlightThenQueuesThenRefuses() {
    WriteGate gate = new WriteGate(2, 2);
    Future<String> w1 = gate.submit(write());
    Future<String> w2 = gate.submit(write());
    assertThat(started).hasSize(2);
    assertThat(gate.inFlight()).isEqualTo(2);

    Future<String> q1 = gate.submit(write());
    Future<String> q2 = gate.submit(write());
    assertThat(started).as("queued writes are not sent yet").hasSize(2);
    assertThat(gate.queued()).isEqualTo(2);

    Future<String> refused = gate.submit(write());
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(OverloadedException.class).hasMessageContaining("2 writes in flight");
    assertThat(started).hasSize(2);

    started.get(0).complete("one");
    assertThat(w1.result()).isEqualTo("one");
    assertThat(started).as("the freed slot passes to the oldest waiting write").hasSize(3);
    assertThat(gate.inFlight()).isEqualTo(2);
    assertThat(gate.queued()).isEqualTo(1);

    started.get(1).fail("timeout");
    assertThat(w2.failed()).isTrue();
    assertThat(started).as("a failed write frees its slot too").hasSize(4);
    assertThat(gate.queued()).isZero();

    started.get(2).complete("three");
    started.get(3).complete("four");
    assertThat(q1.result()).isEqualTo("three");
    assertThat(q2.result()).isEqualTo("four");
    assertThat(gate.inFlight()).isZero();
    assertThat(gate.queued()).isZero();
  }

  @Test
  void droppableWritesNeverWait() {
    WriteGate gate = new WriteGate(1, 10);
    Future<String> free = gate.submitIfFree(write());
    assertThat(started).hasSize(1);
    Future<String> dropped = gate.submitIfFree(write());
    assertThat(dropped.failed()).isTrue();
    assertThat(dropped.cause()).isInstanceOf(OverloadedException.class);
    assertThat(gate.queued()).isZero();
    assertThat(started).hasSize(1);

    Future<String> queued = gate.submit(write());
    started.get(0).complete("a");
    assertThat(free.result()).isEqualTo("a");
    // the queued write got the slot; a droppable one must not jump ahead of waiting writes
    assertThat(gate.submitIfFree(write()).failed()).isTrue();
    started.get(1).complete("b");
    assertThat(queued.result()).isEqualTo("b");
    assertThat(gate.submitIfFree(write()).isComplete()).isFalse();
    assertThat(gate.inFlight()).isEqualTo(1);
  }

  @Test
  void droppableWriteIsRefusedWhileOthersWaitEvenWithoutInFlightRoom() {
    WriteGate gate = new WriteGate(1, 1);
    gate.submit(write());
    gate.submit(write());
    assertThat(gate.submit(write()).failed()).isTrue();
    assertThat(gate.submitIfFree(write()).failed()).isTrue();
  }

  @Test
  void zeroQueueRefusesAsSoonAsAllSlotsAreBusy() {
    WriteGate gate = new WriteGate(1, 0);
    gate.submit(write());
    assertThat(gate.submit(write()).cause()).isInstanceOf(OverloadedException.class);
  }

  @Test
  void aWriteThatThrowsFailsItsFutureAndFreesItsSlot() {
    WriteGate gate = new WriteGate(1, 1);
    Future<String> thrown = gate.submit(() -> {
      throw new IllegalStateException("bug");
    });
    assertThat(thrown.cause()).isInstanceOf(IllegalStateException.class);
    assertThat(gate.inFlight()).isZero();
    gate.submit(write());
    assertThat(gate.inFlight()).isEqualTo(1);
  }

  @Test
  void queuedWriteStartsOnTheContextThatSubmittedIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WriteGate gate = new WriteGate(1, 1);
      Promise<String> blocker = Promise.promise();
      gate.submit(() -> blocker.future());
      var context = vertx.getOrCreateContext();
      CompletableFuture<Boolean> startedOnContext = new CompletableFuture<>();
      CompletableFuture<String> result = new CompletableFuture<>();
      context.runOnContext(v -> gate.<String>submit(() -> {
        startedOnContext.complete(Vertx.currentContext() == context);
        return Future.succeededFuture("queued");
      }).onComplete(r -> result.complete(r.result())));
      org.awaitility.Awaitility.await().until(() -> gate.queued() == 1);
      blocker.complete("x"); // released on the test thread
      assertThat(startedOnContext.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("queued");
      org.awaitility.Awaitility.await().until(() -> gate.inFlight() == 0);
    } finally {
      org.openastro.cql.testing.Await.result(vertx.close());
    }
  }

  @Test
  void queuedWriteOfTheReleasingContextStartsAtOnce() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WriteGate gate = new WriteGate(1, 1);
      var context = vertx.getOrCreateContext();
      CompletableFuture<Boolean> startedInTheReleasingTask = new CompletableFuture<>();
      context.runOnContext(v -> {
        Promise<String> blocker = Promise.promise();
        gate.submit(() -> blocker.future());
        boolean[] releasing = {false};
        gate.<String>submit(() -> {
          startedInTheReleasingTask.complete(releasing[0]);
          return Future.succeededFuture("queued");
        });
        releasing[0] = true;
        blocker.complete("x"); // released on the context that queued the second write
        releasing[0] = false;
      });
      assertThat(startedInTheReleasingTask.get(5, TimeUnit.SECONDS)).isTrue();
      org.awaitility.Awaitility.await().until(() -> gate.inFlight() == 0);
    } finally {
      org.openastro.cql.testing.Await.result(vertx.close());
    }
  }
}
