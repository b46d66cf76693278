package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReceiveClockTest {
  final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  @Test
  void sameMillisecondGetsDistinctIncreasingStampsPerNode() {
    ReceiveClock clock = new ReceiveClock(now::get, 1000);
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    Instant a1 = clock.stamp(a);
    Instant a2 = clock.stamp(a);
    Instant a3 = clock.stamp(a);
    assertThat(a1.toEpochMilli()).isEqualTo(now.get());
    assertThat(a2.toEpochMilli()).isEqualTo(now.get() + 1);
    assertThat(a3.toEpochMilli()).isEqualTo(now.get() + 2);
    // another node is not pushed by a's stamps
    assertThat(clock.stamp(b).toEpochMilli()).isEqualTo(now.get());
  }

  @Test
  void wallClockWinsOnceItIsAhead() {
    ReceiveClock clock = new ReceiveClock(now::get, 1000);
    UUID a = UUID.randomUUID();
    clock.stamp(a);
    clock.stamp(a);
    now.addAndGet(10);
    assertThat(clock.stamp(a).toEpochMilli()).isEqualTo(now.get());
  }

  @Test
  void stampsNeverRepeatWhenTheWallClockStepsBack() {
    ReceiveClock clock = new ReceiveClock(now::get, 1000);
    UUID a = UUID.randomUUID();
    long first = clock.stamp(a).toEpochMilli();
    now.addAndGet(-60_000);
    assertThat(clock.stamp(a).toEpochMilli()).isEqualTo(first + 1);
  }

  @Test
  void pruningKeepsStampsOfActiveNodesUnique() {
    ReceiveClock clock = new ReceiveClock(now::get, 2);
    UUID active = UUID.randomUUID();
    long burst = 0;
    for (int i = 0; i < 50; i++) {
      burst = clock.stamp(active).toEpochMilli(); // 50 ms into the future of the wall clock
    }
    for (int i = 0; i < 10; i++) {
      clock.stamp(UUID.randomUUID()); // more nodes than pruneAbove: pruning runs every stamp
    }
    now.addAndGet(10);
    assertThat(clock.stamp(active).toEpochMilli()).isEqualTo(burst + 1);
    now.addAndGet(6_000);
    UUID quiet = UUID.randomUUID();
    clock.stamp(quiet);
    assertThat(clock.stamp(active).toEpochMilli()).isEqualTo(now.get());
  }

  @Test
  void concurrentStampsOfOneNodeAreAllDistinct() throws Exception {
    ReceiveClock clock = new ReceiveClock(now::get, 1000); // frozen clock: worst case
    UUID node = UUID.randomUUID();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    int threads = 4;
    int each = 2_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < each; i++) {
          seen.add(clock.stamp(node).toEpochMilli());
        }
      });
      worker.start();
      workers.add(worker);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertThat(seen).hasSize(threads * each);
    Set<Long> expected = new HashSet<>();
    for (long i = 0; i < threads * each; i++) {
      expected.add(now.get() + i);
    }
    assertThat(seen).isEqualTo(expected);
  }
}
