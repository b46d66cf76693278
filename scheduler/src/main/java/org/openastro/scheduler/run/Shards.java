package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openastro.cql.Buckets;

/**
 * Which part of the fleet this scheduler instance looks after. A node belongs to the shard of
 * its nodes_by_status bucket; the instance owning a shard watches those nodes' heartbeats,
 * faults them and recovers their work. The owner of shard 0 leads: it plans missions, assigns
 * tasks and delivers completions, so instances never race each other for the same task.
 */
interface Shards {
  /** Whether this instance looks after {@code nodeId} now. */
  default boolean owns(UUID nodeId) {
    return owns(Buckets.of(nodeId));
  }

  boolean owns(int shard);

  /** The shards this instance may act on now. */
  Set<Integer> owned();

  /** Whether this instance plans and assigns (it owns shard 0). */
  default boolean leads() {
    return owns(0);
  }

  /** One lease pass: announce, renew, release excess, take free shards; gains and losses are reported. */
  Future<Void> pass();

  /** Gives every shard up at once (a graceful stop), so the others take them without waiting for the TTL. */
  Future<Void> leave();

  /** Every shard, always (one instance alone, and unit tests). */
  static Shards all() {
    Set<Integer> every = IntStream.range(0, Buckets.COUNT).boxed().collect(Collectors.toUnmodifiableSet());
    return new Shards() {
      @Override
      public boolean owns(int shard) {
        return true;
      }

      @Override
      public Set<Integer> owned() {
        return every;
      }

      @Override
      public Future<Void> pass() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> leave() {
        return Future.succeededFuture();
      }
    };
  }

  /** Told of shards gained and lost, on the scheduler's event loop. */
  interface Listener {
    void gained(Set<Integer> shards);

    void lost(Set<Integer> shards);
  }
}
