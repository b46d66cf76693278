package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedFanOutTest {
  final Deque<Promise<Void>> running = new ArrayDeque<>();
  final List<Integer> started = new ArrayList<>();

  Future<Void> step(int item) {
    started.add(item);
    Promise<Void> p = Promise.promise();
    running.add(p);
    return p.future();
  }

  @Test
  void everyItemRunsWithNeverMoreThanTheLimitInFlight() {
    List<Integer> items = IntStream.range(0, 7).boxed().toList();
    Future<Void> all = BoundedFanOut.each(items, 3, this::step);

    assertThat(running).hasSize(3);
    while (!running.isEmpty()) {
      assertThat(running.size()).isLessThanOrEqualTo(3);
      running.poll().complete();
    }
    assertThat(started).containsExactlyInAnyOrderElementsOf(items);
    assertThat(all.succeeded()).isTrue();
  }

  @Test
  void aFailedStepFailsTheWholeOnlyAfterTheOtherItemsRan() {
    Future<Void> all = BoundedFanOut.each(List.of(0, 1, 2, 3), 2, this::step);
    running.poll().fail(new IllegalStateException("read timed out"));
    assertThat(all.isComplete()).isFalse();
    while (!running.isEmpty()) {
      running.poll().complete();
    }
    assertThat(started).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(all.failed()).isTrue();
    assertThat(all.cause()).hasMessage("read timed out");
  }

  @Test
  void noItemsIsDoneAtOnceAndAThrowingStepCountsAsFailed() {
    assertThat(BoundedFanOut.each(List.<Integer>of(), 4, this::step).succeeded()).isTrue();
    Future<Void> thrown = BoundedFanOut.each(List.of(1), 4, i -> {
      throw new IllegalArgumentException("bad id");
    });
    assertThat(thrown.cause()).hasMessage("bad id");
  }
}
