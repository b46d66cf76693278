package org.openastro.bench.scheduler;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Planning sweeps and assignment rounds, timed from the task rows they wrote. The scheduler has no
 * timer of its own for either (SchedulerMetrics times creation-to-assignment only), but its rows
 * carry both ends:
 * <ul>
 *   <li>a planned task's {@code created_at} is the instant its mission sweep began (the sweep's
 *       {@code now}), and the cell's write time is when that task was stored: a sweep runs at least
 *       from the first to the last task it stored;</li>
 *   <li>an assigned task's {@code updated_at} is the instant its assignment round began (the round's
 *       {@code now}), and the write time of {@code assigned_node_id} is when its assignment LWT applied:
 *       the round ran at least until its last one.</li>
 * </ul>
 * Both are lower bounds (the end of a sweep or round after its last write is not seen). Remainder
 * tasks (made by fault recovery, not planning) are left out of the sweeps.
 */
final class TaskTimeline {
  record Sweep(String instance, Instant start, int missions, int tasks, Duration duration) {}

  record Round(String instance, Instant start, int tasks, int pendingAtStart, Duration duration) {}

  /** {@code updatedAt}: the round's start for an assigned task, the close for one closed unassigned. */
  private record TaskRow(UUID taskId, UUID missionId, Instant createdAt, Instant stored, Instant updatedAt,
      Instant assigned, boolean remainder, boolean pending) {
    /** Waiting in the queue at {@code at}: stored, not assigned yet, not closed (a passed window) yet. */
    boolean waitingAt(Instant at) {
      if (stored == null || !stored.isBefore(at)) {
        return false;
      }
      if (assigned != null) {
        return !assigned.isBefore(at);
      }
      return pending || updatedAt == null || updatedAt.isAfter(at);
    }
  }

  private final List<TaskRow> rows;
  private final InstanceLogs logs;

  private TaskTimeline(List<TaskRow> rows, InstanceLogs logs) {
    this.rows = rows;
    this.logs = logs;
  }

  static TaskTimeline read(CqlSession session, InstanceLogs logs) {
    List<TaskRow> rows = new ArrayList<>();
    for (Row r : session.execute("SELECT task_id, mission_id, created_at, writetime(mission_id), updated_at,"
        + " assigned_node_id, writetime(assigned_node_id), remainder_of, status FROM tasks")) {
      Long stored = r.isNull(3) ? null : r.getLong(3);
      Long assigned = r.isNull(6) ? null : r.getLong(6);
      rows.add(new TaskRow(r.getUuid(0), r.getUuid(1), r.getInstant(2), micros(stored), r.getInstant(4),
          r.isNull(5) ? null : micros(assigned), !r.isNull(7), "PENDING".equals(r.getString(8))));
    }
    return new TaskTimeline(rows, logs);
  }

  private static Instant micros(Long micros) {
    return micros == null ? null : Instant.EPOCH.plusNanos(micros * 1000);
  }

  int tasks() {
    return rows.size();
  }

  int assigned() {
    return (int) rows.stream().filter(r -> r.assigned() != null).count();
  }

  int missionsPlanned() {
    return (int) rows.stream().filter(r -> !r.remainder()).map(TaskRow::missionId).distinct().count();
  }

  /** The sweeps that planned something, by instance and start. */
  List<Sweep> sweeps() {
    Map<String, List<TaskRow>> groups = new LinkedHashMap<>();
    for (TaskRow r : rows) {
      if (!r.remainder() && r.createdAt() != null && r.stored() != null) {
        groups.computeIfAbsent(logs.plannerOf(r.missionId()) + "@" + r.createdAt(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Sweep> sweeps = new ArrayList<>();
    groups.forEach((key, tasks) -> {
      Instant start = tasks.get(0).createdAt();
      Instant end = tasks.stream().map(TaskRow::stored).max(Comparator.naturalOrder()).orElseThrow();
      Set<UUID> missions = new HashSet<>();
      tasks.forEach(t -> missions.add(t.missionId()));
      sweeps.add(new Sweep(logs.plannerOf(tasks.get(0).missionId()), start, missions.size(), tasks.size(),
          Duration.between(start, end)));
    });
    sweeps.sort(Comparator.comparing(Sweep::start));
    return sweeps;
  }

  /** The rounds that assigned something, by instance and start, with the tasks pending as each began. */
  List<Round> rounds() {
    Map<String, List<TaskRow>> groups = new LinkedHashMap<>();
    for (TaskRow r : rows) {
      if (r.assigned() != null && r.updatedAt() != null) {
        groups.computeIfAbsent(logs.assignerOf(r.taskId()) + "@" + r.updatedAt(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Round> rounds = new ArrayList<>();
    groups.forEach((key, tasks) -> {
      Instant start = tasks.get(0).updatedAt();
      Instant end = tasks.stream().map(TaskRow::assigned).max(Comparator.naturalOrder()).orElseThrow();
      rounds.add(new Round(logs.assignerOf(tasks.get(0).taskId()), start, tasks.size(), pendingAt(start),
          Duration.between(start, end)));
    });
    rounds.sort(Comparator.comparing(Round::start));
    return rounds;
  }

  /** Tasks waiting in the queue at {@code at} (as a round began, near enough). */
  private int pendingAt(Instant at) {
    return (int) rows.stream().filter(r -> r.waitingAt(at)).count();
  }
}
