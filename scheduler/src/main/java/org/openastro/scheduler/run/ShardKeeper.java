package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.openastro.scheduler.shard.ShardLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's shard leases in Cassandra, kept by a pass every {@code FAILOVER / 5}: say it is
 * alive, renew what it holds, give up what exceeds its share, take free shards up to it. A shard
 * whose renewal failed, or whose validity ran out because passes failed, is dropped before anyone
 * else can take it (see {@link ShardLeases}). Confined to the scheduler's event loop.
 */
final class ShardKeeper implements Shards {
  private static final Logger LOG = LoggerFactory.getLogger(ShardKeeper.class);

  private final ShardStore store;
  private final ShardLeases leases;
  private final Duration ttl;
  private final Clock clock;
  private final LongSupplier nanos;
  private final Instant startedAt;
  private final List<Instant> acquiredAt;
  private Listener listener = new Listener() {
    @Override
    public void gained(Set<Integer> shards) {}

    @Override
    public void lost(Set<Integer> shards) {}
  };

  ShardKeeper(ShardStore store, ShardLeases leases, int shards, Duration ttl, Clock clock, LongSupplier nanos) {
    this.store = store;
    this.leases = leases;
    this.ttl = ttl;
    this.clock = clock;
    this.nanos = nanos;
    this.startedAt = clock.instant();
    this.acquiredAt = new ArrayList<>(java.util.Collections.nCopies(shards, (Instant) null));
  }

  void listen(Listener listener) {
    this.listener = listener;
  }

  @Override
  public boolean owns(int shard) {
    return leases.owns(shard, nanos.getAsLong());
  }

  @Override
  public Set<Integer> owned() {
    long now = nanos.getAsLong();
    Set<Integer> owned = new TreeSet<>();
    for (int shard : leases.held()) {
      if (leases.owns(shard, now)) {
        owned.add(shard);
      }
    }
    return owned;
  }

  @Override
  public Future<Void> pass() {
    long start = nanos.getAsLong();
    Instant now = clock.instant();
    Set<Integer> lost = new TreeSet<>(leases.lapse(start));
    if (!lost.isEmpty()) {
      LOG.warn("Shards {} lapsed: their leases could not be renewed in time", lost);
    }
    Set<Integer> gained = new TreeSet<>();
    String me = leases.instance();
    return store.announce(me, startedAt, ttl)
        .compose(x -> store.members())
        .compose(members -> store.owners().map(owners -> leases.plan(members, owners)))
        .compose(plan -> {
          List<Future<Void>> writes = new ArrayList<>();
          for (int shard : plan.renew()) {
            writes.add(store.renew(shard, me, acquiredAt(shard, now), ttl).map(ok -> {
              if (ok) {
                leases.held(shard, start);
              } else {
                leases.lost(shard);
                lost.add(shard);
              }
              return null;
            }));
          }
          for (int shard : plan.release()) {
            // Stop acting on it first: once the row is gone another instance may take it.
            leases.lost(shard);
            lost.add(shard);
            writes.add(store.release(shard, me));
          }
          for (int shard : plan.acquire()) {
            writes.add(store.acquire(shard, me, now, ttl).map(ok -> {
              if (ok) {
                leases.held(shard, start);
                acquiredAt.set(shard, now);
                gained.add(shard);
              }
              return null;
            }));
          }
          return Future.join(writes).mapEmpty();
        })
        .<Void>mapEmpty()
        .onComplete(x -> report(gained, lost));
  }

  private Instant acquiredAt(int shard, Instant now) {
    Instant at = acquiredAt.get(shard);
    return at == null ? now : at;
  }

  private void report(Set<Integer> gained, Set<Integer> lost) {
    if (!lost.isEmpty()) {
      LOG.info("Shards {} given up by {}", lost, leases.instance());
      listener.lost(lost);
    }
    if (!gained.isEmpty()) {
      LOG.info("Shards {} taken by {}", gained, leases.instance());
      listener.gained(gained);
    }
  }

  @Override
  public Future<Void> leave() {
    Set<Integer> held = leases.held();
    List<Future<Void>> writes = new ArrayList<>();
    for (int shard : held) {
      leases.lost(shard);
      writes.add(store.release(shard, leases.instance()));
    }
    writes.add(store.leave(leases.instance()));
    return Future.join(writes).<Void>mapEmpty().onComplete(x -> {
      if (!held.isEmpty()) {
        listener.lost(held);
      }
    });
  }
}
