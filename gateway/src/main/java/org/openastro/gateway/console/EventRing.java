package org.openastro.gateway.console;

/**
 * The newest events of the stream as encoded frames, numbered 1, 2, ... in the order they arrived,
 * at most {@code capacity}: what a resuming client is replayed from and what every client reads
 * from at its own pace (so a client costs a cursor, not a copy of its backlog). Confined to the
 * stream's event loop.
 */
final class EventRing {
  private final byte[][] slots;
  private long last; // sequence number of the newest frame; 0 before the first

  EventRing(int capacity) {
    this.slots = new byte[capacity][];
  }

  /** Appends a frame (the oldest goes when the ring is full) and returns its sequence number. */
  long add(byte[] frame) {
    last++;
    slots[(int) (last % slots.length)] = frame;
    return last;
  }

  /** Sequence number of the oldest frame kept ({@code last() + 1} when empty). */
  long first() {
    return Math.max(1, last - slots.length + 1);
  }

  /** Sequence number of the newest frame (0 before the first). */
  long last() {
    return last;
  }

  /** The frame numbered {@code seq}, which must be within [first(), last()]. */
  byte[] get(long seq) {
    if (seq < first() || seq > last) {
      throw new IndexOutOfBoundsException(seq + " not in [" + first() + ", " + last + "]");
    }
    return slots[(int) (seq % slots.length)];
  }
}
