package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.Set;
import java.util.TreeSet;

/** Shards owned as the test says; no lease rows. */
final class FakeShards implements Shards {
  final Set<Integer> owned = new TreeSet<>();

  @Override
  public boolean owns(int shard) {
    return owned.contains(shard);
  }

  @Override
  public Set<Integer> owned() {
    return new TreeSet<>(owned);
  }

  @Override
  public Future<Void> pass() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> leave() {
    owned.clear();
    return Future.succeededFuture();
  }
}
