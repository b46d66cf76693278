package org.openastro.scheduler.plan;

/**
 * Merges ascending lists of ranks into one ascending sequence, one rank at a time (a k-way merge on
 * a binary heap): the free nodes of the cells a mission's bound keeps, back in visit order, without
 * sorting them again. O(k) to start, O(log k) per rank taken; nothing is read past the last rank
 * taken. The lists are not copied and must not change meanwhile; ranks are distinct.
 */
final class RankedMerge {
  static final int END = -1;

  private final int[][] lists;
  private final int[] next;
  /** Indexes of lists not yet exhausted, a min-heap on each list's next rank. */
  private final int[] heap;
  private int size;

  RankedMerge(int[][] lists) {
    this.lists = lists;
    this.next = new int[lists.length];
    this.heap = new int[lists.length];
    for (int i = 0; i < lists.length; i++) {
      if (lists[i].length > 0) {
        heap[size++] = i;
      }
    }
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  /** The least rank not yet taken, or {@link #END}. */
  int take() {
    if (size == 0) {
      return END;
    }
    int top = heap[0];
    int rank = lists[top][next[top]++];
    if (next[top] == lists[top].length) {
      heap[0] = heap[--size];
    }
    siftDown(0);
    return rank;
  }

  private int head(int list) {
    return lists[list][next[list]];
  }

  private void siftDown(int i) {
    while (true) {
      int least = i;
      int l = 2 * i + 1;
      int r = l + 1;
      if (l < size && head(heap[l]) < head(heap[least])) {
        least = l;
      }
      if (r < size && head(heap[r]) < head(heap[least])) {
        least = r;
      }
      if (least == i) {
        return;
      }
      int t = heap[i];
      heap[i] = heap[least];
      heap[least] = t;
      i = least;
    }
  }
}
