package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openastro.scheduler.shard.ShardLeases;

/**
 * Lease passes of instances sharing one in-memory lease table whose rows expire like Cassandra's
 * TTL rows: shares even out, a graceful stop hands over at once, and a dead instance's share moves
 * within the failover time without two instances ever owning a shard at the same moment.
 */
class ShardKeeperTest {
  static final Duration FAILOVER = Duration.ofSeconds(15);
  static final Duration TTL = SchedulerAssembly.leaseTtl(FAILOVER);
  static final long MS = 1_000_000L;

  final TestClock clock = new TestClock(T0);
  final TtlTable table = new TtlTable();

  long nanos() {
    return Duration.between(T0, clock.instant()).toNanos();
  }

  ShardKeeper instance(String id, Set<Integer> gained, Set<Integer> lost) {
    ShardKeeper k = new ShardKeeper(table, new ShardLeases(id, 16, TTL, SchedulerAssembly.LEASE_MARGIN), 16, TTL,
        clock, this::nanos);
    k.listen(new Shards.Listener() {
      @Override
      public void gained(Set<Integer> shards) {
        gained.addAll(shards);
        lost.removeAll(shards);
      }

      @Override
      public void lost(Set<Integer> shards) {
        lost.addAll(shards);
        gained.removeAll(shards);
      }
    });
    return k;
  }

  @Test
  void twoInstancesEndWithHalfEachAndNeverOverlap() {
    ShardKeeper a = instance("a", new TreeSet<>(), new TreeSet<>());
    done(a.pass());
    assertThat(a.owned()).hasSize(16);
    assertThat(a.leads()).isTrue();

    ShardKeeper b = instance("b", new TreeSet<>(), new TreeSet<>());
    for (int i = 0; i < 3; i++) {
      done(b.pass());
      assertNoOverlap(a, b);
      done(a.pass());
      assertNoOverlap(a, b);
      clock.advance(FAILOVER.dividedBy(5));
    }
    assertThat(a.owned()).hasSize(8).contains(0);
    assertThat(b.owned()).hasSize(8);
    assertThat(b.leads()).isFalse();
  }

  @Test
  void aGracefulStopHandsItsShardsOverOnTheOthersNextPass() {
    ShardKeeper a = instance("a", new TreeSet<>(), new TreeSet<>());
    ShardKeeper b = instance("b", new TreeSet<>(), new TreeSet<>());
    settle(a, b);

    done(a.leave());
    assertThat(a.owned()).isEmpty();
    done(b.pass());
    assertThat(b.owned()).hasSize(16);
    assertThat(b.leads()).isTrue();
  }

  @Test
  void aDeadInstancesShareMovesWithinTheFailoverTimeAndIsNeverOwnedTwice() {
    Set<Integer> gainedByB = new TreeSet<>();
    ShardKeeper a = instance("a", new TreeSet<>(), new TreeSet<>());
    ShardKeeper b = instance("b", gainedByB, new TreeSet<>());
    settle(a, b);
    Set<Integer> ofA = a.owned();
    assertThat(ofA).hasSize(8);

    // a dies silently right after a renewal: its passes stop, its rows live out their TTL.
    Instant died = clock.instant();
    Duration step = Duration.ofMillis(100);
    while (!b.owned().containsAll(ofA)) {
      clock.advance(step);
      for (int s : ofA) {
        assertThat(a.owns(s) && b.owns(s)).as("shard %d owned twice at %s", s, clock.instant()).isFalse();
      }
      if (Duration.between(died, clock.instant()).toMillis() % FAILOVER.dividedBy(5).toMillis() == 0) {
        done(b.pass());
      }
      assertThat(Duration.between(died, clock.instant())).isLessThanOrEqualTo(FAILOVER);
    }
    assertThat(gainedByB).containsAll(ofA);
    assertThat(b.leads()).isEqualTo(true);
  }

  @Test
  void anInstanceWhosePassesFailStopsActingBeforeItsLeasesCanBeTaken() {
    ShardKeeper a = instance("a", new TreeSet<>(), new TreeSet<>());
    done(a.pass());
    Instant renewed = clock.instant();
    table.down = true; // Cassandra unreachable for a
    Set<Integer> lostByA = new TreeSet<>();
    a.listen(new Shards.Listener() {
      @Override
      public void gained(Set<Integer> shards) {}

      @Override
      public void lost(Set<Integer> shards) {
        lostByA.addAll(shards);
      }
    });
    while (a.leads()) {
      clock.advance(Duration.ofMillis(100));
      a.pass();
    }
    Duration fenced = Duration.between(renewed, clock.instant());
    assertThat(fenced).isLessThan(TTL.minusSeconds(1)); // before Cassandra can expire the rows
    clock.advance(FAILOVER.dividedBy(5));
    a.pass();
    assertThat(lostByA).hasSize(16);
  }

  void settle(ShardKeeper a, ShardKeeper b) {
    for (int i = 0; i < 3; i++) {
      done(a.pass());
      done(b.pass());
      clock.advance(FAILOVER.dividedBy(5));
    }
  }

  static void assertNoOverlap(ShardKeeper a, ShardKeeper b) {
    Set<Integer> both = new TreeSet<>(a.owned());
    both.retainAll(b.owned());
    assertThat(both).isEmpty();
  }

  /** scheduler_members and scheduler_shards in memory, rows expiring at write time + TTL by the test clock. */
  final class TtlTable implements ShardStore {
    final Map<String, Instant> members = new HashMap<>();
    final Map<Integer, String> owner = new HashMap<>();
    final Map<Integer, Instant> expires = new HashMap<>();
    boolean down;

    private <T> Future<T> answer(T value) {
      return down ? Future.failedFuture(new IllegalStateException("no replica answered")) : Future.succeededFuture(value);
    }

    private void expire() {
      Instant now = clock.instant();
      members.values().removeIf(at -> !at.isAfter(now));
      for (int s : new ArrayList<>(expires.keySet())) {
        if (!expires.get(s).isAfter(now)) {
          expires.remove(s);
          owner.remove(s);
        }
      }
    }

    @Override
    public Future<Void> announce(String instance, Instant startedAt, Duration ttl) {
      if (!down) {
        members.put(instance, clock.instant().plus(ttl));
      }
      return answer(null);
    }

    @Override
    public Future<List<String>> members() {
      expire();
      return answer(new ArrayList<>(members.keySet()));
    }

    @Override
    public Future<Map<Integer, String>> owners() {
      expire();
      return answer(new HashMap<>(owner));
    }

    @Override
    public Future<Boolean> acquire(int shard, String instance, Instant now, Duration ttl) {
      expire();
      if (down || owner.containsKey(shard)) {
        return answer(false);
      }
      owner.put(shard, instance);
      expires.put(shard, clock.instant().plus(ttl));
      return answer(true);
    }

    @Override
    public Future<Boolean> renew(int shard, String instance, Instant acquiredAt, Duration ttl) {
      expire();
      if (down || !instance.equals(owner.get(shard))) {
        return answer(false);
      }
      expires.put(shard, clock.instant().plus(ttl));
      return answer(true);
    }

    @Override
    public Future<Void> release(int shard, String instance) {
      if (!down && instance.equals(owner.get(shard))) {
        owner.remove(shard);
        expires.remove(shard);
      }
      return answer(null);
    }

    @Override
    public Future<Void> leave(String instance) {
      if (!down) {
        members.remove(instance);
      }
      return answer(null);
    }
  }
}
