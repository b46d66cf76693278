package org.openastro.cassandra.local;

import java.time.Duration;
import java.util.Objects;

/**
 * When the node acknowledges a write with respect to its commit log reaching the disk.
 *
 * <ul>
 *   <li>{@link #group(Duration)} (the default, {@link #DEFAULT}): writes wait for the next fsync
 *       of the commit log, done at most once per window for all writes of that window. An
 *       acknowledged write survives a {@code kill -9} of the node (commit-log replay at the next
 *       start) and a crash of the machine. Costs each write up to one window of latency.</li>
 *   <li>{@link #periodic(Duration)}: writes are acknowledged at once and the commit log is synced
 *       every period. Faster, but a {@code kill -9} loses what was acknowledged since the last
 *       sync: only for benchmarks and throwaway data.</li>
 * </ul>
 */
public record CommitLogSync(Mode mode, Duration window) {

  public enum Mode {
    /** {@code commitlog_sync: group} with {@code commitlog_sync_group_window}. */
    GROUP,
    /** {@code commitlog_sync: periodic} with {@code commitlog_sync_period}. */
    PERIODIC
  }

  /**
   * Every write waits for the next sync, and a lightweight transaction writes the commit log in
   * each Paxos phase: the scheduler's chain of LWTs from an alert to an assignment pays the window
   * many times over (15 ms made alert -> task 10x slower, docs/BENCHMARKS.md). 2 ms still groups
   * the writes of a burst into one fsync (about a millisecond on this kind of disk).
   */
  public static final Duration DEFAULT_GROUP_WINDOW = Duration.ofMillis(2);
  /** Cassandra's own default period. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
  /** Group commit, 2 ms: a write is acknowledged only once it is on disk. */
  public static final CommitLogSync DEFAULT = group(DEFAULT_GROUP_WINDOW);

  public CommitLogSync {
    Objects.requireNonNull(mode, "mode");
    if (window == null || window.toMillis() < 1) {
      throw new IllegalArgumentException("The commit log sync window/period must be at least 1 ms, was " + window);
    }
  }

  /** Acknowledge once on disk; one fsync per {@code window} at most. */
  public static CommitLogSync group(Duration window) {
    return new CommitLogSync(Mode.GROUP, window);
  }

  /** Acknowledge at once; fsync every {@code period}: acknowledged writes can be lost. */
  public static CommitLogSync periodic(Duration period) {
    return new CommitLogSync(Mode.PERIODIC, period);
  }

  /** Whether an acknowledged write is on disk. */
  public boolean durable() {
    return mode == Mode.GROUP;
  }

  /** The two cassandra.yaml lines, without a final line break (Cassandra 5.0 names; a window with the other mode is refused by Cassandra). */
  String yaml() {
    return switch (mode) {
      case GROUP -> "commitlog_sync: group\ncommitlog_sync_group_window: " + window.toMillis() + "ms";
      case PERIODIC -> "commitlog_sync: periodic\ncommitlog_sync_period: " + window.toMillis() + "ms";
    };
  }
}
