package org.openastro.cql.artifact;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Created;
import org.openastro.cql.IdempotentCreate;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;
import org.openastro.domain.ArtifactType;

/** Artifacts: idempotent registration, lookup, and the newest-first list of a mission. */
public final class ArtifactRepository {
  private final CqlSession session;
  private final PreparedStatement insertIfAbsent;
  private final PreparedStatement insertByMission;
  private final PreparedStatement selectById;
  private final PreparedStatement selectByMission;
  private final IdempotentCreate<Artifact> create;

  public ArtifactRepository(CqlSession session) {
    this.session = session;
    this.insertIfAbsent = session.prepare("INSERT INTO artifacts (artifact_id, mission_id, task_id,"
        + " artifact_type, object_storage_path, sha256, created_at, public_after,"
        + " contributing_node_ids, registered_by, creation_fingerprint)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    this.insertByMission = session.prepare("INSERT INTO artifacts_by_mission (mission_id, created_at,"
        + " artifact_id, artifact_type, public_after) VALUES (?, ?, ?, ?, ?)");
    this.selectById = session.prepare("SELECT * FROM artifacts WHERE artifact_id = ?");
    this.selectByMission = session.prepare("SELECT artifact_id, created_at, artifact_type, public_after"
        + " FROM artifacts_by_mission WHERE mission_id = ?");
    this.create = new IdempotentCreate<>(session, "artifact_id", "creation_fingerprint", ArtifactRepository::from,
        stored -> insertByMission.bind(stored.missionId(), stored.createdAt(), stored.artifactId(),
            stored.artifactType().name(), stored.publicAfter()));
  }

  public Future<Created<Artifact>> register(Artifact a) {
    return create.run(insertIfAbsent.bind(a.artifactId(),
            a.missionId(), a.taskId(), a.artifactType().name(), a.objectStoragePath(), a.sha256(),
            a.createdAt(), a.publicAfter(), a.contributingNodeIds(), a.registeredBy(),
            a.creationFingerprint()), a, a.artifactId(), a.creationFingerprint());
  }

  public Future<Optional<Artifact>> find(UUID artifactId) {
    return VertxFutures.onCallerContext(session.executeAsync(selectById.bind(artifactId)))
        .map(AsyncResultSet::one)
        .map(row -> Optional.ofNullable(row).map(ArtifactRepository::from));
  }

  /** A mission's artifacts, newest first. */
  public Future<List<ArtifactSummary>> listByMission(UUID missionId) {
    return VertxFutures.onCallerContext(session.executeAsync(selectByMission.bind(missionId)))
        .compose(rs -> Rows.all(rs, r -> new ArtifactSummary(r.getUuid("artifact_id"), missionId,
            ArtifactType.valueOf(r.getString("artifact_type")), r.getInstant("created_at"),
            r.getInstant("public_after"))));
  }

  /** One line of a mission's artifact list, with what embargo filtering needs. */
  public record ArtifactSummary(UUID artifactId, UUID missionId, ArtifactType artifactType,
      Instant createdAt, Instant publicAfter) {}

  static Artifact from(Row row) {
    return new Artifact(
        row.getUuid("artifact_id"),
        row.getUuid("mission_id"),
        row.getUuid("task_id"),
        ArtifactType.valueOf(row.getString("artifact_type")),
        row.getString("object_storage_path"),
        row.getString("sha256"),
        row.getInstant("created_at"),
        row.getInstant("public_after"),
        row.getSet("contributing_node_ids", UUID.class),
        row.getString("registered_by"));
  }
}
