package org.openastro.cql;

import java.util.UUID;

/** Spreads the rows of a "by status" or queue table over a fixed number of partitions. */
public final class Buckets {
  /** Partitions per status (or queue); readers merge this many partitions. */
  public static final int COUNT = 16;

  private Buckets() {}

  public static int of(UUID id) {
    return Math.floorMod(id.hashCode(), COUNT);
  }
}
