package org.openastro.scheduler.plan;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;

/** Hand-made rows for the pure planning tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-03-20T20:00:00Z");

  private Fixtures() {}

  static Node node(String id, double reliability) {
    return node(id, NodeStatus.ONLINE, reliability, 300, 1.0, Set.of("V", "R"));
  }

  static Node node(String id, NodeStatus status, double reliability, double aperture, double fov, Set<String> filters) {
    return new Node(uuid(id), status, 28.76, -17.88, 2396, aperture, fov, filters, MountType.EQ,
        ControlProtocol.INDI, reliability, null, null, NOW, NOW);
  }

  static Mission mission(String id, int priority, Instant end) {
    return new Mission(uuid(id), 83.6, 22.0, ScienceCase.DEEP_STACK, 3600, 0, priority, null, end,
        MissionStatus.PENDING, null, 30, true, Set.of(), null, null, "test", NOW);
  }

  static Mission withNeeds(Mission m, Set<String> filters, Double aperture, Double fov) {
    return new Mission(m.missionId(), m.targetRa(), m.targetDec(), m.scienceCase(), m.totalExposureRequiredS(),
        m.totalExposureCompletedS(), m.priority(), m.timeConstraintStart(), m.timeConstraintEnd(), m.status(),
        m.alertSourceId(), m.minAltitudeDeg(), m.nightOnly(), filters, aperture, fov, m.owner(), m.createdAt());
  }

  static Task task(String id, Mission m, double exposure, Instant windowEnd) {
    return new Task(uuid(id), m.missionId(), null, exposure, 0, TaskStatus.PENDING, null, windowEnd, null, null,
        m.priority(), NOW, NOW);
  }

  /** Readable fixed ids: "n1" → 00000000-0000-0000-0000-0000000000n1-ish, stable and ordered. */
  static UUID uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes());
  }
}
