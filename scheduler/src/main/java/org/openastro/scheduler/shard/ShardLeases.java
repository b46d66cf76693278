package org.openastro.scheduler.shard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scheduler instance's view of the shard leases: which shards it owns and until when it may
 * act on them, and what a lease pass should do next (renew, release, acquire) so that the live
 * instances end up with even shares. Pure: the caller reads and writes the lease rows.
 *
 * <p>Fencing: a shard counts as owned only until {@code pass start + ttl - margin}, measured on
 * the local monotonic clock from before the write that took or renewed it. Cassandra expires the
 * row no sooner than {@code ttl} after that write (less a second of TTL rounding, which the
 * margin covers), so by the time another instance can take the shard this one has stopped acting
 * on it, renewed or not. Not thread-safe: confined to the scheduler's event loop.
 */
public final class ShardLeases {
  private final String me;
  private final int shards;
  private final long validNanos;
  private final Map<Integer, Long> validUntil = new HashMap<>();

  /**
   * @param margin taken off the TTL: covers Cassandra's whole-second TTLs and clock rates; must
   *     be shorter than the TTL
   */
  public ShardLeases(String me, int shards, Duration ttl, Duration margin) {
    if (margin.compareTo(ttl) >= 0) {
      throw new IllegalArgumentException("lease margin " + margin + " must be shorter than its TTL " + ttl);
    }
    this.me = me;
    this.shards = shards;
    this.validNanos = ttl.minus(margin).toNanos();
  }

  public String instance() {
    return me;
  }

  /** Whether this instance may act on {@code shard} at {@code nowNanos}. */
  public boolean owns(int shard, long nowNanos) {
    Long until = validUntil.get(shard);
    return until != null && nowNanos - until < 0;
  }

  /** The shards this instance holds (some may have lapsed: see {@link #lapse}). */
  public Set<Integer> held() {
    return new TreeSet<>(validUntil.keySet());
  }

  /** Forgets every shard whose validity ran out before {@code nowNanos}, and returns them. */
  public Set<Integer> lapse(long nowNanos) {
    Set<Integer> lapsed = new TreeSet<>();
    validUntil.forEach((shard, until) -> {
      if (nowNanos - until >= 0) {
        lapsed.add(shard);
      }
    });
    lapsed.forEach(validUntil::remove);
    return lapsed;
  }

  /** The lease write for {@code shard} that started at {@code passStartNanos} applied. */
  public void held(int shard, long passStartNanos) {
    validUntil.put(shard, passStartNanos + validNanos);
  }

  /** The shard is no longer this instance's (a renewal failed, or it was given up). */
  public void lost(int shard) {
    validUntil.remove(shard);
  }

  /**
   * This instance's fair share when {@code members} are alive: the shards divided evenly, the
   * first {@code shards mod n} instances (in id order) taking one more. An instance not yet in
   * {@code members} (its announcement not visible) counts itself in.
   */
  public int share(List<String> members) {
    TreeSet<String> alive = new TreeSet<>(members);
    alive.add(me);
    int n = alive.size();
    int index = alive.headSet(me).size();
    return shards / n + (index < shards % n ? 1 : 0);
  }

  /**
   * What the next lease pass does, from the live members and the current owners (a shard
   * missing from {@code owners} is free). Every held shard is renewed, except the excess over
   * the share, which is released (highest first, so the leader's shard 0 moves last); free
   * shards are taken up to the share, starting at a point that differs per instance so two
   * instances starting together rarely race for the same shard.
   */
  public Plan plan(List<String> members, Map<Integer, String> owners) {
    int share = share(members);
    List<Integer> renew = new ArrayList<>(held());
    List<Integer> release = new ArrayList<>();
    while (renew.size() > share) {
      release.add(renew.remove(renew.size() - 1));
    }
    List<Integer> acquire = new ArrayList<>();
    int start = Math.floorMod(me.hashCode(), shards);
    for (int i = 0; i < shards && renew.size() + acquire.size() < share; i++) {
      int shard = (start + i) % shards;
      if (!owners.containsKey(shard) && !validUntil.containsKey(shard)) {
        acquire.add(shard);
      }
    }
    return new Plan(renew, release, acquire);
  }

  /** The writes of one lease pass. */
  public record Plan(List<Integer> renew, List<Integer> release, List<Integer> acquire) {}
}
