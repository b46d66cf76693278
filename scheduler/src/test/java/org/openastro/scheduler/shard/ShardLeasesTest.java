package org.openastro.scheduler.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardLeasesTest {
  static final Duration TTL = Duration.ofSeconds(10);
  static final Duration MARGIN = Duration.ofSeconds(2);
  static final long SECOND = 1_000_000_000L;

  @Test
  void aLoneInstanceTakesEveryShard() {
    ShardLeases a = new ShardLeases("a", 16, TTL, MARGIN);
    ShardLeases.Plan plan = a.plan(List.of(), Map.of());
    assertThat(plan.renew()).isEmpty();
    assertThat(plan.release()).isEmpty();
    assertThat(plan.acquire()).hasSize(16).doesNotHaveDuplicates();
  }

  @Test
  void sharesAreEvenAndAddUpToEveryShard() {
    List<String> three = List.of("c", "a", "b");
    int total = 0;
    for (String me : three) {
      int share = new ShardLeases(me, 16, TTL, MARGIN).share(three);
      assertThat(share).isBetween(5, 6);
      total += share;
    }
    assertThat(total).isEqualTo(16);
    assertThat(new ShardLeases("z", 16, TTL, MARGIN).share(List.of("a")))
        .as("counts itself in before its own announcement is visible").isEqualTo(8);
  }

  @Test
  void aSecondInstanceMakesTheFirstReleaseTheExcessHighestFirstKeepingShardZero() {
    ShardLeases a = new ShardLeases("a", 16, TTL, MARGIN);
    Map<Integer, String> owners = new HashMap<>();
    for (int s = 0; s < 16; s++) {
      a.held(s, 0);
      owners.put(s, "a");
    }
    ShardLeases.Plan plan = a.plan(List.of("a", "b"), owners);
    assertThat(plan.renew()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(plan.release()).containsExactlyInAnyOrder(8, 9, 10, 11, 12, 13, 14, 15);
    assertThat(plan.acquire()).isEmpty();

    ShardLeases b = new ShardLeases("b", 16, TTL, MARGIN);
    plan.release().forEach(owners::remove);
    assertThat(b.plan(List.of("a", "b"), owners).acquire()).containsExactlyInAnyOrder(8, 9, 10, 11, 12, 13, 14, 15);
  }

  @Test
  void shardsOwnedByOthersAreNeverTaken() {
    ShardLeases b = new ShardLeases("b", 16, TTL, MARGIN);
    Map<Integer, String> owners = new HashMap<>();
    for (int s = 0; s < 16; s++) {
      owners.put(s, "a");
    }
    assertThat(b.plan(List.of("b"), owners).acquire()).as("a's rows have not expired yet").isEmpty();
  }

  @Test
  void aShardIsOwnedOnlyUntilTheTtlLessTheMarginAfterThePassThatHeldIt() {
    ShardLeases a = new ShardLeases("a", 16, TTL, MARGIN);
    long passStart = 5 * SECOND;
    a.held(3, passStart);
    assertThat(a.owns(3, passStart + 7 * SECOND)).isTrue();
    assertThat(a.owns(3, passStart + 8 * SECOND)).as("fenced before Cassandra can expire the row").isFalse();
    assertThat(a.lapse(passStart + 7 * SECOND)).isEmpty();
    assertThat(a.lapse(passStart + 8 * SECOND)).containsExactly(3);
    assertThat(a.held()).isEmpty();
  }

  @Test
  void aRenewalMovesTheDeadlineAndALossEndsOwnershipAtOnce() {
    ShardLeases a = new ShardLeases("a", 16, TTL, MARGIN);
    a.held(1, 0);
    a.held(1, 6 * SECOND);
    assertThat(a.owns(1, 13 * SECOND)).isTrue();
    a.lost(1);
    assertThat(a.owns(1, 13 * SECOND)).isFalse();
    assertThat(a.owns(2, 0)).isFalse();
  }

  @Test
  void aMarginAsLongAsTheTtlIsRefused() {
    assertThatThrownBy(() -> new ShardLeases("a", 16, TTL, TTL)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("margin");
  }
}
