package org.openastro.cql.mission;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.Created;
import org.openastro.cql.IdempotentCreate;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.ScienceCase;

/** Missions: idempotent creation, lookup, and listing by status in priority order. */
public final class MissionRepository {
  private final CqlSession session;
  private final PreparedStatement insertIfAbsent;
  private final PreparedStatement insertByStatus;
  private final PreparedStatement selectById;
  private final PreparedStatement selectByStatusBucket;
  private final IdempotentCreate<Mission> create;

  public MissionRepository(CqlSession session) {
    this.session = session;
    this.insertIfAbsent = session.prepare("INSERT INTO missions (mission_id, target_ra, target_dec,"
        + " science_case, total_exposure_required_s, total_exposure_completed_s, priority,"
        + " time_constraint_start, time_constraint_end, status, alert_source_id, min_altitude_deg,"
        + " night_only, required_filters, min_aperture_mm, min_fov_deg, owner, created_at,"
        + " creation_fingerprint"
        + ", max_airmass, min_moon_separation_deg, max_moon_illumination, sun_max_altitude_deg, max_hour_angle_h"
        + ", observation_type, exposure_time_s"
        + ", alert_error_radius_deg, alert_notice_at, alert_pointing_rank, alert_pointing_probability"
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
        + ", ?, ?, ?, ?, ?, ?, ?"
        + ", ?, ?, ?, ?"
        + ") IF NOT EXISTS");
    this.insertByStatus = session.prepare("INSERT INTO missions_by_status (status, bucket, priority,"
        + " mission_id, time_constraint_end, science_case) VALUES (?, ?, ?, ?, ?, ?)");
    this.selectById = session.prepare("SELECT * FROM missions WHERE mission_id = ?");
    this.selectByStatusBucket = session.prepare("SELECT mission_id, priority FROM missions_by_status"
        + " WHERE status = ? AND bucket = ? LIMIT ?");
    this.create = new IdempotentCreate<>(session, "mission_id", "creation_fingerprint", MissionRepository::from,
        stored -> insertByStatus.bind(stored.status().name(), Buckets.of(stored.missionId()), stored.priority(),
            stored.missionId(), stored.timeConstraintEnd(), stored.scienceCase().name()));
  }

  /** Creates the mission; same id and content again is a replay, other content a conflict. */
  public Future<Created<Mission>> create(Mission m) {
    return create.run(insertIfAbsent.bind(m.missionId(),
            m.targetRa(), m.targetDec(), m.scienceCase().name(), m.totalExposureRequiredS(),
            m.totalExposureCompletedS(), m.priority(), m.timeConstraintStart(), m.timeConstraintEnd(),
            m.status().name(), m.alertSourceId(), m.minAltitudeDeg(), m.nightOnly(),
            m.requiredFilters(), m.minApertureMm(), m.minFovDeg(), m.owner(), m.createdAt(),
            m.creationFingerprint(),
            m.constraints().maxAirmass(), m.constraints().minMoonSeparationDeg(),
            m.constraints().maxMoonIllumination(), m.constraints().sunMaxAltitudeDeg(),
            m.constraints().maxHourAngleH(), m.observationType().name(), m.exposureTimeS(),
            m.alertLocalization().errorRadiusDeg(), m.alertLocalization().noticeAt(),
            m.alertLocalization().pointingRank(), m.alertLocalization().pointingProbability()), m, m.missionId(),
        m.creationFingerprint());
  }

  public Future<Optional<Mission>> find(UUID missionId) {
    return VertxFutures.onCallerContext(session.executeAsync(selectById.bind(missionId)))
        .map(AsyncResultSet::one)
        .map(row -> Optional.ofNullable(row).map(MissionRepository::from));
  }

  /** Ids of up to {@code limit} missions in {@code status}, highest priority first (all buckets merged). */
  public Future<List<UUID>> idsByStatus(MissionStatus status, int limit) {
    List<Future<List<Ranked>>> buckets = new ArrayList<>();
    for (int bucket = 0; bucket < Buckets.COUNT; bucket++) {
      buckets.add(VertxFutures.onCallerContext(session.executeAsync(
              selectByStatusBucket.bind(status.name(), bucket, limit)))
          .compose(rs -> Rows.all(rs, r -> new Ranked(r.getInt("priority"), r.getUuid("mission_id")))));
    }
    return Future.all(buckets).map(all -> {
      List<Ranked> merged = new ArrayList<>();
      for (int i = 0; i < buckets.size(); i++) {
        merged.addAll(all.<List<Ranked>>resultAt(i));
      }
      merged.sort(Comparator.comparingInt(Ranked::priority).reversed().thenComparing(Ranked::id));
      return merged.stream().limit(limit).map(Ranked::id).toList();
    });
  }

  private record Ranked(int priority, UUID id) {}

  static Mission from(Row row) {
    return new Mission(
        row.getUuid("mission_id"),
        row.getDouble("target_ra"),
        row.getDouble("target_dec"),
        ScienceCase.valueOf(row.getString("science_case")),
        row.getDouble("total_exposure_required_s"),
        row.getDouble("total_exposure_completed_s"),
        row.getInt("priority"),
        row.getInstant("time_constraint_start"),
        row.getInstant("time_constraint_end"),
        MissionStatus.valueOf(row.getString("status")),
        row.getString("alert_source_id"),
        row.getDouble("min_altitude_deg"),
        row.getBoolean("night_only"),
        row.getSet("required_filters", String.class),
        row.isNull("min_aperture_mm") ? null : row.getDouble("min_aperture_mm"),
        row.isNull("min_fov_deg") ? null : row.getDouble("min_fov_deg"),
        row.getString("owner"),
        row.getInstant("created_at"),
        constraintsOf(row),
        ObservationType.ofStored(row.getString("observation_type")),
        optional(row, "exposure_time_s"),
        new AlertLocalization(optional(row, "alert_error_radius_deg"), row.getInstant("alert_notice_at"),
            row.getInstant("alert_relocated_at"),
            row.isNull("alert_pointing_rank") ? null : row.getInt("alert_pointing_rank"),
            optional(row, "alert_pointing_probability")));
  }

  /** Issue 13's columns (V008); null = off. */
  private static MissionConstraints constraintsOf(Row row) {
    return new MissionConstraints(optional(row, "max_airmass"), optional(row, "min_moon_separation_deg"),
        optional(row, "max_moon_illumination"), optional(row, "sun_max_altitude_deg"),
        optional(row, "max_hour_angle_h"));
  }

  private static Double optional(Row row, String column) {
    return row.isNull(column) ? null : row.getDouble(column);
  }
}
