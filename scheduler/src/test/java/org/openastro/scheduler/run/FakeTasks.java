package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Created;
import org.openastro.cql.node.NodeTasks;
import org.openastro.cql.scheduling.PendingQueue;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.TaskStatus;

/**
 * The tasks table and its index rows in memory, kept apart as in Cassandra: a move changes the
 * row by compare-and-set, then writes the index rows in a separate step ({@code "healIndex"}), so
 * a test can crash the process between the two. The by-node index is what {@link NodeWork} reads.
 */
final class FakeTasks implements TaskStore, TaskMoves, PendingTasks, NodeWork {
  final Interleavings races = new Interleavings();
  final Map<UUID, String> cancelReasons = new HashMap<>();
  /** Creations that wrote a new row (not replays). */
  final List<Task> created = new ArrayList<>();
  private final Map<UUID, Task> rows = new LinkedHashMap<>();
  private final Map<UUID, Map<UUID, TaskStatus>> byNode = new HashMap<>();
  private final Map<UUID, PendingQueue.Entry> queue = new LinkedHashMap<>();

  /** A row and its index rows as a completed earlier write left them. */
  Task put(Task t) {
    rows.put(t.taskId(), t);
    index(t, null);
    return t;
  }

  /** Another writer (a node's progress report, another scheduler) changes the row only. */
  void overwrite(Task t) {
    rows.put(t.taskId(), t);
  }

  Task row(UUID id) {
    return rows.get(id);
  }

  TaskStatus indexedStatus(UUID node, UUID task) {
    return byNode.getOrDefault(node, Map.of()).get(task);
  }

  boolean queued(UUID task) {
    return queue.containsKey(task);
  }

  /** A queue row as it stands, even if it no longer matches the task (a stale row). */
  void enqueue(Task t) {
    queue.put(t.taskId(), new PendingQueue.Entry(t.priority(), t.windowEnd(), t.taskId(), t.missionId()));
  }

  @Override
  public Future<Optional<Task>> find(UUID taskId) {
    return races.run("findTask", () -> Optional.ofNullable(rows.get(taskId)));
  }

  @Override
  public Future<List<TaskSummary>> listByMission(UUID missionId) {
    return races.run("listByMission", () -> rows.values().stream().filter(t -> t.missionId().equals(missionId))
        .map(t -> new TaskSummary(t.taskId(), t.missionId(), t.status(), t.assignedNodeId(), t.exposureRequiredS(),
            t.exposureDeliveredS()))
        .toList());
  }

  @Override
  public Future<Created<Task>> create(Task task) {
    return races.run("create", () -> {
      Task existing = rows.get(task.taskId());
      if (existing != null) {
        index(existing, null); // a replay rewrites the index rows, as the real one does
        return new Created<>(existing, false);
      }
      created.add(task);
      return new Created<>(put(task), true);
    });
  }

  @Override
  public Future<Boolean> assign(Task task, UUID nodeId, Instant windowStart, Instant windowEnd, Instant now) {
    return cas("assign", task, r -> r.status() == TaskStatus.PENDING && r.assignedNodeId() == null,
        r -> with(r, nodeId, r.status(), r.exposureDeliveredS(), windowStart, windowEnd, now), task.windowEnd());
  }

  @Override
  public Future<Boolean> unassign(Task task, Instant now) {
    return cas("unassign", task,
        r -> r.status() == TaskStatus.PENDING && task.assignedNodeId().equals(r.assignedNodeId()),
        r -> with(r, null, r.status(), r.exposureDeliveredS(), r.windowStart(), r.windowEnd(), now), null)
        .onSuccess(done -> {
          if (done) {
            byNode.get(task.assignedNodeId()).remove(task.taskId());
          }
        });
  }

  @Override
  public Future<Boolean> freezePartial(Task task, Instant now) {
    // the row only, as the real one: the index rows wait for healFrozen
    return rowCas("freezePartial", task, r -> r.status() == TaskStatus.EXECUTING
            && task.assignedNodeId().equals(r.assignedNodeId()) && r.exposureDeliveredS() == task.exposureDeliveredS(),
        r -> with(r, r.assignedNodeId(), TaskStatus.PARTIAL_COMPLETE, r.exposureDeliveredS(), r.windowStart(),
            r.windowEnd(), now)).map(next -> next != null);
  }

  @Override
  public Future<Void> healFrozen(Task partial) {
    return races.run("healFrozen", () -> {
      index(partial, null);
      return null;
    });
  }

  @Override
  public Future<Boolean> cancel(Task task, String reason, Instant now) {
    return cas("cancel", task,
        r -> r.status() == task.status() && r.exposureDeliveredS() == task.exposureDeliveredS(),
        r -> with(r, r.assignedNodeId(), TaskStatus.FAILED, r.exposureDeliveredS(), r.windowStart(), r.windowEnd(),
            now), task.assignedNodeId() == null ? task.windowEnd() : null)
        .onSuccess(done -> {
          if (done) {
            cancelReasons.put(task.taskId(), reason);
          }
        });
  }

  @Override
  public Future<Boolean> shrink(Task task, double exposureRequiredS, Instant now) {
    return cas("shrink", task,
        r -> r.status() == TaskStatus.PENDING && r.exposureRequiredS() == task.exposureRequiredS(),
        r -> new Task(r.taskId(), r.missionId(), r.assignedNodeId(), exposureRequiredS, r.exposureDeliveredS(),
            r.status(), r.windowStart(), r.windowEnd(), r.fitsObjectStoragePath(), r.remainderOf(), r.priority(),
            r.createdAt(), now), null);
  }

  @Override
  public Future<Boolean> close(Task task, TaskStatus closeAs, String reason, Instant now) {
    return cas("close", task, r -> r.status() == task.status() && r.exposureDeliveredS() == task.exposureDeliveredS()
            && java.util.Objects.equals(r.assignedNodeId(), task.assignedNodeId()),
        r -> with(r, r.assignedNodeId(), closeAs, r.exposureDeliveredS(), r.windowStart(), r.windowEnd(), now),
        task.assignedNodeId() == null ? task.windowEnd() : null)
        .onSuccess(done -> {
          if (done) {
            cancelReasons.put(task.taskId(), reason);
          }
        });
  }

  @Override
  public Future<Void> recordCancellation(Task task, String reason, Instant now) {
    return races.run("recordCancellation", () -> {
      cancelReasons.put(task.taskId(), reason);
      return null;
    });
  }

  @Override
  public Future<Void> healIndex(Task task, Instant queuedUnder) {
    return races.run("healIndex", () -> {
      index(task, queuedUnder);
      return null;
    });
  }

  @Override
  public Future<Void> dropQueueRow(PendingQueue.Entry entry) {
    return races.run("dropQueueRow", () -> {
      queue.remove(entry.taskId());
      return null;
    });
  }

  @Override
  public Future<List<PendingQueue.Entry>> head(int limit) {
    return races.run("head", () -> queue.values().stream().limit(limit).toList());
  }

  @Override
  public Future<List<UUID>> openTaskIds(UUID nodeId) {
    return races.run("openTaskIds", () -> byNode.getOrDefault(nodeId, Map.of()).entrySet().stream()
        .filter(e -> NodeTasks.OPEN.contains(e.getValue())).map(Map.Entry::getKey).toList());
  }

  private interface Condition {
    boolean holds(Task row);
  }

  private interface Change {
    Task apply(Task row);
  }

  /** The row's compare-and-set, then (a separate write, as in Cassandra) its index rows. */
  private Future<Boolean> cas(String op, Task read, Condition condition, Change change, Instant queuedUnder) {
    return rowCas(op, read, condition, change)
        .compose(next -> next == null ? Future.succeededFuture(false) : healIndex(next, queuedUnder).map(true));
  }

  /** The row's compare-and-set alone: the row written, or null when the condition did not hold. */
  private Future<Task> rowCas(String op, Task read, Condition condition, Change change) {
    return races.run(op, () -> {
      Task row = rows.get(read.taskId());
      if (row == null || !condition.holds(row)) {
        return null;
      }
      Task next = change.apply(row);
      rows.put(next.taskId(), next);
      return next;
    });
  }

  private void index(Task t, Instant queuedUnder) {
    if (t.assignedNodeId() != null) {
      byNode.computeIfAbsent(t.assignedNodeId(), k -> new HashMap<>()).put(t.taskId(), t.status());
    }
    if (t.status() == TaskStatus.PENDING && t.assignedNodeId() == null) {
      enqueue(t);
    } else if (queuedUnder != null) {
      queue.remove(t.taskId());
    }
  }

  static Task with(Task t, UUID node, TaskStatus status, double deliveredS, Instant start, Instant end, Instant at) {
    return new Task(t.taskId(), t.missionId(), node, t.exposureRequiredS(), deliveredS, status, start, end,
        t.fitsObjectStoragePath(), t.remainderOf(), t.priority(), t.createdAt(), at);
  }
}
