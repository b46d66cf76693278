package org.openastro.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HeartbeatScheduleTest {
  @Test
  void delaysStayWithinTheJitterAndSpreadOverIt() {
    HeartbeatSchedule s = new HeartbeatSchedule(Duration.ofSeconds(10), 0.2);
    SplittableRandom random = new SplittableRandom(1);
    long[] delays = LongStream.generate(() -> s.nextDelayMs(random)).limit(10_000).toArray();
    assertThat(LongStream.of(delays).min().orElseThrow()).isBetween(8000L, 8100L);
    assertThat(LongStream.of(delays).max().orElseThrow()).isBetween(11_900L, 12_000L);
    assertThat(LongStream.of(delays).average().orElseThrow()).isBetween(9900.0, 10_100.0);
    assertThat(s.longestGapMs()).isEqualTo(12_000);
  }

  @Test
  void withoutJitterEveryDelayIsTheInterval() {
    HeartbeatSchedule s = new HeartbeatSchedule(Duration.ofMillis(1500), 0);
    SplittableRandom random = new SplittableRandom(2);
    assertThat(LongStream.generate(() -> s.nextDelayMs(random)).limit(100).distinct().toArray()).containsExactly(1500);
  }

  @Test
  void theFirstBeatFallsAnywhereInTheFirstInterval() {
    HeartbeatSchedule s = new HeartbeatSchedule(Duration.ofSeconds(10), 0.2);
    SplittableRandom random = new SplittableRandom(3);
    long[] first = LongStream.generate(() -> s.firstDelayMs(random)).limit(10_000).toArray();
    assertThat(LongStream.of(first).min().orElseThrow()).isBetween(1L, 100L);
    assertThat(LongStream.of(first).max().orElseThrow()).isBetween(9900L, 10_000L);
  }

  @Test
  void refusesJitterOfOneOrMore() {
    assertThatThrownBy(() -> new HeartbeatSchedule(Duration.ofSeconds(1), 1.0)).hasMessageContaining("--jitter");
  }
}
