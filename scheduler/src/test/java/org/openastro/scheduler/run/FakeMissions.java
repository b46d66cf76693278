package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.scheduling.CompletionOutbox;
import org.openastro.domain.MissionStatus;

/**
 * The missions table and the completion outbox in memory. A mission's status and completed
 * exposure change only while it is still in the status read, as in the real compare-and-set.
 */
final class FakeMissions implements MissionStore, MissionMoves, Outbox {
  final Interleavings races = new Interleavings();
  final Map<UUID, CompletionOutbox.Entry> outbox = new LinkedHashMap<>();
  private final Map<UUID, Mission> rows = new LinkedHashMap<>();

  Mission put(Mission m) {
    rows.put(m.missionId(), m);
    return m;
  }

  Mission row(UUID id) {
    return rows.get(id);
  }

  @Override
  public Future<Optional<Mission>> find(UUID missionId) {
    return races.run("findMission", () -> Optional.ofNullable(rows.get(missionId)));
  }

  @Override
  public Future<List<UUID>> idsByStatus(MissionStatus status, int limit) {
    return races.run("idsByStatus", () -> rows.values().stream().filter(m -> m.status() == status)
        .map(Mission::missionId).limit(limit).toList());
  }

  @Override
  public Future<Boolean> move(Mission m, MissionStatus next, double completedS) {
    return races.run("moveMission", () -> {
      Mission row = rows.get(m.missionId());
      if (row.status() != m.status()) {
        return false;
      }
      put(with(row, next, completedS));
      return true;
    });
  }

  @Override
  public Future<Void> recordProgress(Mission m, double completedS) {
    return races.run("recordProgress", () -> {
      Mission row = rows.get(m.missionId());
      if (row.status() == m.status()) {
        put(with(row, row.status(), completedS));
      }
      return null;
    });
  }

  /** Another writer (another scheduler instance) moves the mission. */
  void set(UUID id, MissionStatus status) {
    Mission row = rows.get(id);
    put(with(row, status, row.totalExposureCompletedS()));
  }

  @Override
  public Future<Void> add(UUID missionId, String payload, Instant now) {
    return races.run("outboxAdd", () -> {
      outbox.put(missionId, new CompletionOutbox.Entry(missionId, payload, false));
      return null;
    });
  }

  @Override
  public Future<List<CompletionOutbox.Entry>> all() {
    return races.run("outboxAll", () -> new ArrayList<>(outbox.values()));
  }

  @Override
  public Future<Void> markPublished(UUID missionId) {
    return races.run("markPublished", () -> {
      outbox.computeIfPresent(missionId, (k, e) -> new CompletionOutbox.Entry(k, e.payload(), true));
      return null;
    });
  }

  @Override
  public Future<Void> remove(UUID missionId) {
    return races.run("outboxRemove", () -> {
      outbox.remove(missionId);
      return null;
    });
  }

  static Mission with(Mission m, MissionStatus status, double completedS) {
    return new Mission(m.missionId(), m.targetRa(), m.targetDec(), m.scienceCase(), m.totalExposureRequiredS(),
        completedS, m.priority(), m.timeConstraintStart(), m.timeConstraintEnd(), status, m.alertSourceId(),
        m.minAltitudeDeg(), m.nightOnly(), m.requiredFilters(), m.minApertureMm(), m.minFovDeg(), m.owner(),
        m.createdAt(), m.observationType());
  }
}
