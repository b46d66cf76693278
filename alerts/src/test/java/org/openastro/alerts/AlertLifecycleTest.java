package org.openastro.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.alerts.NoticeOutcome.Kind;
import org.openastro.alerts.tiling.RegionTiler;
import org.openastro.api.intake.Localization;
import org.openastro.api.intake.LocalizationRules;
import org.openastro.api.intake.MissionIntake;
import org.openastro.api.intake.Relocation;
import org.openastro.cql.Created;
import org.openastro.cql.mission.AlertLocalization;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;

/** What each kind of notice does, over an in-memory intake (the storage's own tests are the ITs). */
class AlertLifecycleTest {
  static final Instant NOW = Instant.parse("2025-03-14T04:20:00Z");
  final AlertReader reader = new AlertReader();
  final FakeIntake intake = new FakeIntake();
  final FakeRetractions retractions = new FakeRetractions();
  final FakePointings pointings = new FakePointings();
  /** Nodes of a 2 degree field: a GBM circle is tens of pointings, not hundreds, in these tests. */
  static final double FIELD = 2.0;
  final AlertLifecycle lifecycle = lifecycle(false);

  AlertLifecycle lifecycle(boolean acceptTests) {
    return new AlertLifecycle(intake, AlertRules.defaults(), retractions, pointings,
        new AlertTiling(new RegionTiler(0.9, 100, 64 << 20),
            new SkyMapFetcher(Duration.ofSeconds(5), 64 << 20, List.of("http://127.0.0.1:")),
            FieldOfView.fixed(FIELD)), acceptTests);
  }

  NoticeOutcome accept(AlertLifecycle l, String body) {
    Future<NoticeOutcome> f = l.accept(reader.read(null, body), "alice", NOW);
    assertThat(f.succeeded()).as(String.valueOf(f.cause())).isTrue();
    return f.result();
  }

  NoticeOutcome accept(String body) {
    return accept(lifecycle, body);
  }

  final String guano = Samples.text("swift-bat-guano.json");

  String later(String notice, String ra, String at) {
    return notice.replace("\"ra\": 201.37", "\"ra\": " + ra).replace("2025-03-14T04:12:51Z", at);
  }

  @Test
  void theFirstNoticeMakesTheMissionWithItsLocalization() {
    NoticeOutcome o = accept(guano);
    assertThat(o.kind()).isEqualTo(Kind.CREATED);
    assertThat(o.mission().alertLocalization())
        .isEqualTo(new AlertLocalization(0.0583, Instant.parse("2025-03-14T04:12:51Z"), null));
  }

  @Test
  void aNewerNoticeMovesTheTargetAndAnOlderOneChangesNothing() {
    accept(guano);
    NoticeOutcome moved = accept(later(guano, "201.52", "2025-03-14T04:40:00Z"));
    assertThat(moved.kind()).isEqualTo(Kind.UPDATED);
    assertThat(moved.changed()).containsExactly("target");
    assertThat(moved.mission().targetRa()).isEqualTo(201.52);

    NoticeOutcome stale = accept(later(guano, "201.45", "2025-03-14T04:30:00Z"));
    assertThat(stale.kind()).isEqualTo(Kind.STALE);
    assertThat(stale.mission().targetRa()).isEqualTo(201.52);
    assertThat(accept(later(guano, "201.52", "2025-03-14T04:40:00Z")).kind()).isEqualTo(Kind.UNCHANGED);
  }

  @Test
  void anUpdateOfAnUnknownEventMakesTheMissionAsAFirstNoticeWould() {
    NoticeOutcome o = accept(later(guano, "201.52", "2025-03-14T04:40:00Z")); // alert_type "update"
    assertThat(o.kind()).isEqualTo(Kind.CREATED);
    assertThat(o.mission().targetRa()).isEqualTo(201.52);
  }

  @Test
  void aRetractionCancelsTheMissionWithTheReasonRetracted() {
    UUID id = accept(guano).mission().missionId();
    NoticeOutcome o = accept(Samples.text("swift-bat-guano-retraction.json"));
    assertThat(o.kind()).isEqualTo(Kind.CANCELLED);
    assertThat(o.mission().status()).isEqualTo(MissionStatus.CANCELLED);
    assertThat(intake.cancelReasons).containsExactly("retracted");
    assertThat(retractions.recorded).containsKey("GCN:swift:763617531");
    assertThat(retractions.recorded.get("GCN:swift:763617531")).isEqualTo(id);
    // Again (a redelivery): nothing more is cancelled.
    assertThat(accept(Samples.text("swift-bat-guano-retraction.json")).kind()).isEqualTo(Kind.UNCHANGED);
    // A later notice of the event moves nothing.
    assertThat(accept(later(guano, "201.52", "2025-03-14T05:40:00Z")).kind()).isEqualTo(Kind.RETRACTED_EVENT);
    assertThat(intake.missions.get(id).targetRa()).isEqualTo(201.37);
  }

  @Test
  void aRetractionOfAnUnknownEventIsRecordedAndItsLateFirstNoticeMakesNoMission() {
    NoticeOutcome o = accept(Samples.text("swift-bat-guano-retraction.json"));
    assertThat(o.kind()).isEqualTo(Kind.RETRACTION_RECORDED);
    assertThat(o.mission()).isNull();
    assertThat(retractions.recorded).containsKey("GCN:swift:763617531");
    NoticeOutcome late = accept(guano);
    assertThat(late.kind()).isEqualTo(Kind.RETRACTED_EVENT);
    assertThat(late.mission()).isNull();
    assertThat(intake.missions).isEmpty();
  }

  @Test
  void aMissionCreatedWhileItsRetractionWasRecordedIsCancelled() {
    // The retraction's lookup ran before this notice created the mission: the notice's own check catches it.
    retractions.recordOnNextCheck = "GCN:swift:763617531";
    NoticeOutcome o = accept(guano);
    assertThat(o.kind()).isEqualTo(Kind.RETRACTED_EVENT);
    assertThat(o.mission().status()).isEqualTo(MissionStatus.CANCELLED);
  }

  @Test
  void testNoticesMakeNothingUnlessTheSettingSaysSo() {
    String test = guano.replace("\"current\"", "\"test\"");
    NoticeOutcome ignored = accept(test);
    assertThat(ignored.kind()).isEqualTo(Kind.IGNORED_TEST);
    assertThat(intake.missions).isEmpty();
    assertThat(accept(Samples.text("lvk-mock-preliminary.json")).kind()).isEqualTo(Kind.IGNORED_TEST);

    AlertLifecycle accepting = lifecycle(true);
    assertThat(accept(accepting, test).kind()).isEqualTo(Kind.CREATED);
  }

  @Test
  void aNoticeWithoutPositionIsRefusedWithItsReason() {
    String none = guano.replace("\"ra\": 201.37,", "").replace("\"dec\": -43.019,", "");
    Future<NoticeOutcome> f = lifecycle.accept(reader.read(null, none), "alice", NOW);
    assertThat(f.failed()).isTrue();
    assertThat(f.cause()).isInstanceOfSatisfying(AlertParseException.class, e -> assertThat(e.field()).isEqualTo("ra"));
    assertThat(intake.missions).isEmpty();
  }

  final String gbm = Samples.text("fermi-gbm-ground-position.json");

  /** The GBM notice with another radius (at its containment 0.68) and issue time. */
  String gbmAt(String radius, String at) {
    return gbm.replace("\"ra_dec_error\": 3.71", "\"ra_dec_error\": " + radius).replace("2025-06-02T21:40:03", at);
  }

  List<Mission> pointingsOf(String alertSourceId) {
    return intake.missions.values().stream().filter(m -> m.alertSourceId().equals(alertSourceId))
        .sorted(java.util.Comparator.comparing(m -> m.alertLocalization().pointingRank())).toList();
  }

  @Test
  void aRegionLargerThanTheFieldBecomesRankedPointingMissions() {
    NoticeOutcome o = accept(gbm);
    assertThat(o.kind()).isEqualTo(Kind.CREATED);
    List<Mission> ps = pointingsOf("GCN:fermi:770679779");
    assertThat(ps.size()).isGreaterThan(5).isEqualTo(o.pointings().size());
    assertThat(o.coverage()).isGreaterThanOrEqualTo(0.9);
    Mission first = ps.get(0);
    // Rank 1 is the event's own mission, on the notice's position, at the rule's priority.
    assertThat(first.missionId()).isEqualTo(o.notice().missionId()).isEqualTo(o.mission().missionId());
    assertThat(first.targetRa()).isCloseTo(183.602, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(first.priority()).isEqualTo(95);
    for (int i = 0; i < ps.size(); i++) {
      Mission m = ps.get(i);
      assertThat(m.alertLocalization().pointingRank()).isEqualTo(i + 1);
      assertThat(m.priority()).isEqualTo(Math.max(1, 95 - i));
      assertThat(m.minFovDeg()).isEqualTo(FIELD);
      assertThat(m.alertLocalization().pointingProbability()).isPositive();
    }
    assertThat(ps.stream().map(m -> m.targetRa() + "/" + m.targetDec()).distinct()).hasSize(ps.size());
    assertThat(pointings.recorded.get("GCN:fermi:770679779")).hasSize(ps.size());
    // The same notice again (a Kafka redelivery): nothing changes, nothing is added.
    NoticeOutcome again = accept(gbm);
    assertThat(again.kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(pointingsOf("GCN:fermi:770679779")).isEqualTo(ps);
  }

  @Test
  void aRetractionCancelsEveryPointing() {
    int n = accept(gbm).pointings().size();
    NoticeOutcome r = accept("{\"$schema\": \"https://gcn.nasa.gov/schema/main/gcn/notices/fermi/gbm/trigger.schema.json\","
        + " \"id\": [\"770679779\"], \"alert_type\": \"retraction\", \"alert_datetime\": \"2025-06-02T22:00:00Z\"}");
    assertThat(r.kind()).isEqualTo(Kind.CANCELLED);
    assertThat(pointingsOf("GCN:fermi:770679779")).hasSize(n)
        .allSatisfy(m -> assertThat(m.status()).isEqualTo(MissionStatus.CANCELLED));
    assertThat(intake.cancelReasons).hasSize(n).containsOnly("retracted");
  }

  @Test
  void aRetractionRecordedWhileThePointingsWereMadeCancelsThemAll() {
    retractions.recordOnNextCheck = "GCN:fermi:770679779";
    NoticeOutcome o = accept(gbm);
    assertThat(o.kind()).isEqualTo(Kind.RETRACTED_EVENT);
    assertThat(pointingsOf("GCN:fermi:770679779")).isNotEmpty()
        .allSatisfy(m -> assertThat(m.status()).isEqualTo(MissionStatus.CANCELLED));
  }

  @Test
  void aNewerSmallerRegionReTilesMovingKeptRanksAndCancellingTheRest() {
    int n = accept(gbm).pointings().size();
    NoticeOutcome o = accept(gbmAt("2.0", "2025-06-02T21:50:00"));
    assertThat(o.kind()).isEqualTo(Kind.UPDATED);
    int m = o.pointings().size();
    assertThat(m).isLessThan(n);
    assertThat(o.changed()).contains("error_radius", "pointings");
    List<Mission> after = pointingsOf("GCN:fermi:770679779");
    assertThat(after).hasSize(n);
    assertThat(after.subList(0, m)).allSatisfy(x -> {
      assertThat(x.status()).isEqualTo(MissionStatus.PENDING);
      assertThat(x.alertLocalization().errorRadiusDeg()).isEqualTo(2.0);
    });
    assertThat(after.subList(m, n)).allSatisfy(x -> assertThat(x.status()).isEqualTo(MissionStatus.CANCELLED));
    assertThat(intake.cancelReasons).hasSize(n - m).containsOnly("relocated");
    // An older notice after it changes no pointing.
    NoticeOutcome stale = accept(gbmAt("3.71", "2025-06-02T21:45:00"));
    assertThat(stale.kind()).isEqualTo(Kind.STALE);
    assertThat(pointingsOf("GCN:fermi:770679779")).isEqualTo(after);
  }

  @Test
  void aNewerNoticeThatFitsOneFieldKeepsRankOneAndCancelsTheOtherPointings() {
    int n = accept(gbm).pointings().size();
    NoticeOutcome o = accept(gbmAt("0.5", "2025-06-02T21:50:00"));
    assertThat(o.kind()).isEqualTo(Kind.UPDATED);
    assertThat(o.pointings()).isEmpty();
    assertThat(o.mission().status()).isEqualTo(MissionStatus.PENDING);
    assertThat(o.mission().alertLocalization().pointingRank()).isNull();
    assertThat(intake.cancelReasons).hasSize(n - 1).containsOnly("relocated");
  }

  @Test
  void anLvkMultiOrderSkyMapIsTiledAroundItsPeakAndItsRetractionCancelsEveryPointing() {
    String map = java.util.Base64.getEncoder().encodeToString(
        org.openastro.alerts.tiling.TestSkyMaps.blobMap(150, 40, 1.5));
    String lvk = "{\"superevent_id\": \"S250601xy\", \"alert_type\": \"PRELIMINARY\","
        + " \"time_created\": \"2025-06-01T10:00:00Z\", \"event\": {\"time\": \"2025-06-01T09:59:30Z\","
        + " \"skymap\": \"" + map + "\"}}";
    NoticeOutcome o = accept(lvk);
    assertThat(o.kind()).isEqualTo(Kind.CREATED);
    assertThat(o.coverage()).isGreaterThanOrEqualTo(0.9);
    List<Mission> ps = pointingsOf("GCN:lvk:S250601xy");
    assertThat(ps).hasSize(o.pointings().size()).hasSizeGreaterThan(5);
    // Placed on the map's peak (the blob's centre, to a pixel and a cell), as a TRANSIENT.
    assertThat(ps.get(0).targetRa()).isCloseTo(150, org.assertj.core.data.Offset.offset(1.5));
    assertThat(ps.get(0).targetDec()).isCloseTo(40, org.assertj.core.data.Offset.offset(1.5));
    assertThat(ps.get(0).priority()).isEqualTo(50);
    assertThat(((Alert) o.notice()).ra()).isEqualTo(ps.get(0).targetRa());

    NoticeOutcome r = accept("{\"superevent_id\": \"S250601xy\", \"alert_type\": \"RETRACTION\","
        + " \"time_created\": \"2025-06-01T10:30:00Z\"}");
    assertThat(r.kind()).isEqualTo(Kind.CANCELLED);
    assertThat(pointingsOf("GCN:lvk:S250601xy")).allSatisfy(m -> assertThat(m.status()).isEqualTo(MissionStatus.CANCELLED));
  }

  /** The mission intake in memory, relocating by the real rules. */
  static final class FakeIntake implements MissionIntake {
    final Map<UUID, Mission> missions = new HashMap<>();
    final List<String> cancelReasons = new ArrayList<>();

    @Override
    public Future<Created<Mission>> submit(Mission mission) {
      return submitOrGet(mission);
    }

    @Override
    public Future<Created<Mission>> submitOrGet(Mission mission) {
      Mission stored = missions.get(mission.missionId());
      if (stored != null) {
        return Future.succeededFuture(new Created<>(stored, false));
      }
      missions.put(mission.missionId(), mission);
      return Future.succeededFuture(new Created<>(mission, true));
    }

    @Override
    public Future<Optional<Mission>> find(UUID missionId) {
      return Future.succeededFuture(Optional.ofNullable(missions.get(missionId)));
    }

    @Override
    public Future<Mission> cancel(Mission mission, String reason, Instant now) {
      Mission m = missions.get(mission.missionId());
      if (m.status() == MissionStatus.PENDING || m.status() == MissionStatus.IN_PROGRESS) {
        cancelReasons.add(reason);
        m = new Mission(m.missionId(), m.targetRa(), m.targetDec(), m.scienceCase(), m.totalExposureRequiredS(),
            m.totalExposureCompletedS(), m.priority(), m.timeConstraintStart(), m.timeConstraintEnd(),
            MissionStatus.CANCELLED, m.alertSourceId(), m.minAltitudeDeg(), m.nightOnly(), m.requiredFilters(),
            m.minApertureMm(), m.minFovDeg(), m.owner(), m.createdAt(), m.constraints(), m.observationType(),
            m.exposureTimeS(), m.alertLocalization());
        missions.put(m.missionId(), m);
      }
      return Future.succeededFuture(m);
    }

    @Override
    public Future<Relocation> relocate(Mission mission, Localization next, Instant now) {
      LocalizationRules.Decision d = LocalizationRules.decide(mission, next);
      Mission after = !d.write() ? mission : mission.relocated(next.ra(), next.dec(),
          new AlertLocalization(next.errorRadiusDeg(), next.noticeAt(), now, next.pointingRank(),
              next.pointingProbability()));
      missions.put(after.missionId(), after);
      return Future.succeededFuture(new Relocation(after, d.verdict(), d.changed(), 0, 0));
    }
  }

  static final class FakePointings implements PointingLog {
    final Map<String, Map<Integer, UUID>> recorded = new HashMap<>();

    @Override
    public Future<Void> record(String alertSourceId, List<Entry> entries) {
      entries.forEach(e -> recorded.computeIfAbsent(alertSourceId, k -> new java.util.TreeMap<>())
          .put(e.rank(), e.missionId()));
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Entry>> list(String alertSourceId) {
      return Future.succeededFuture(recorded.getOrDefault(alertSourceId, Map.of()).entrySet().stream()
          .map(e -> new Entry(e.getKey(), e.getValue())).toList());
    }
  }

  static final class FakeRetractions implements RetractionLog {
    final Map<String, UUID> recorded = new HashMap<>();
    final Set<String> checked = new HashSet<>();
    String recordOnNextCheck;

    @Override
    public Future<Void> record(Retraction r, UUID cancelled, String by, Instant at) {
      recorded.put(r.alertSourceId(), cancelled);
      return Future.succeededFuture();
    }

    @Override
    public Future<Boolean> isRetracted(String alertSourceId) {
      boolean was = recorded.containsKey(alertSourceId);
      if (alertSourceId.equals(recordOnNextCheck) && checked.add(alertSourceId)) {
        recorded.put(alertSourceId, null); // recorded right after this first look
      }
      return Future.succeededFuture(was);
    }
  }
}
