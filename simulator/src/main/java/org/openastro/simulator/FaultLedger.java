package org.openastro.simulator;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks the simulated faults interrupted, and the remainder tasks that reached a node with
 * {@code remainder_of} pointing at one of them: the evidence that every interrupted task's rest
 * was reassigned. Thread-safe (nodes run on several event loops).
 */
final class FaultLedger {
  private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
  private final Map<String, String> remainderOf = new ConcurrentHashMap<>();
  private final Set<String> completedRemainders = ConcurrentHashMap.newKeySet();

  /** A node failed while exposing {@code taskId}. */
  void interrupted(String taskId) {
    interrupted.add(taskId);
  }

  /** A downlink assignment of {@code taskId} said it is the rest of {@code parentId}. */
  void remainderReceived(String taskId, String parentId) {
    remainderOf.put(taskId, parentId);
  }

  void completed(String taskId) {
    if (remainderOf.containsKey(taskId)) {
      completedRemainders.add(taskId);
    }
  }

  View view() {
    long covered = interrupted.stream().filter(remainderOf::containsValue).count();
    return new View(interrupted.size(), covered, remainderOf.size(), completedRemainders.size());
  }

  /**
   * @param interrupted tasks cut off by an injected fault
   * @param interruptedWithRemainder of those, how many had a remainder task reach some node
   * @param remainders remainder tasks received (of simulated faults or any other)
   * @param remaindersCompleted remainder tasks a node finished
   */
  record View(long interrupted, long interruptedWithRemainder, long remainders, long remaindersCompleted) {}
}
