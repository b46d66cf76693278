package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The membership and shard-lease rows (scheduler_members, scheduler_shards), see SchedulerShards. */
interface ShardStore {
  Future<Void> announce(String instance, Instant startedAt, Duration ttl);

  Future<List<String>> members();

  /** Leased shards and their owners; a missing shard is free. */
  Future<Map<Integer, String>> owners();

  Future<Boolean> acquire(int shard, String instance, Instant now, Duration ttl);

  Future<Boolean> renew(int shard, String instance, Instant acquiredAt, Duration ttl);

  Future<Void> release(int shard, String instance);

  Future<Void> leave(String instance);
}
