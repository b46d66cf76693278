package org.openastro.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.api.intake.LocalizationRules.Decision;
import org.openastro.api.intake.LocalizationRules.Order;
import org.openastro.api.intake.Relocation.Verdict;
import org.openastro.cql.mission.AlertLocalization;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;

class LocalizationRulesTest {
  static final Instant FIRST = Instant.parse("2025-03-14T04:12:51Z");

  static Mission stored(MissionStatus status, double ra, double dec, Double radius, Instant noticeAt) {
    return new Mission(UUID.randomUUID(), ra, dec, ScienceCase.GRB_FOLLOWUP, 1800, 0, 95, FIRST,
        FIRST.plusSeconds(6 * 3600), status, "GCN:swift:1", 30, true, Set.of(), null, null, "gcn-kafka", FIRST)
        .withAlertLocalization(new AlertLocalization(radius, noticeAt, null));
  }

  @Test
  void noticesAreOrderedByTheirOwnTimeAndOneWithoutATimeIsNotOrdered() {
    assertThat(LocalizationRules.order(FIRST, FIRST.plusMillis(1))).isEqualTo(Order.NEWER);
    assertThat(LocalizationRules.order(FIRST, FIRST)).isEqualTo(Order.SAME);
    assertThat(LocalizationRules.order(FIRST, FIRST.minusSeconds(60))).isEqualTo(Order.OLDER);
    assertThat(LocalizationRules.order(null, FIRST)).isEqualTo(Order.NEWER);
    assertThat(LocalizationRules.order(FIRST, null)).isEqualTo(Order.UNORDERED);
    assertThat(LocalizationRules.order(null, null)).isEqualTo(Order.UNORDERED);
  }

  @Test
  void aNewerNoticeWithAnotherPositionMovesTheTargetAndSaysWhatChanged() {
    Mission m = stored(MissionStatus.IN_PROGRESS, 201.37, -43.019, 0.0583, FIRST);
    Decision d = LocalizationRules.decide(m, new Localization(201.52, -43.019, 0.0583, FIRST.plusSeconds(600)));
    assertThat(d.verdict()).isEqualTo(Verdict.MOVED);
    assertThat(d.changed()).containsExactly("target");
    assertThat(d.write()).isTrue();

    Decision both = LocalizationRules.decide(m, new Localization(201.37, -43.1, 0.01, FIRST.plusSeconds(600)));
    assertThat(both.changed()).containsExactly("target", "error_radius");
  }

  @Test
  void onlyTheErrorRadiusMayChangeAndARadiusWhereNoneWasCounts() {
    Mission none = stored(MissionStatus.PENDING, 10, 20, null, FIRST);
    assertThat(LocalizationRules.decide(none, new Localization(10, 20, 0.5, FIRST.plusSeconds(1))).changed())
        .containsExactly("error_radius");
    Mission some = stored(MissionStatus.PENDING, 10, 20, 0.5, FIRST);
    assertThat(LocalizationRules.decide(some, new Localization(10, 20, null, FIRST.plusSeconds(1))).changed())
        .containsExactly("error_radius");
  }

  @Test
  void aPointingWhoseEnclosedProbabilityChangesSaysSoAndMovesToo() {
    Mission pointing = stored(MissionStatus.PENDING, 10, 20, 4.8, FIRST)
        .withAlertLocalization(new AlertLocalization(4.8, FIRST, null, 3, 0.031));
    Decision same = LocalizationRules.decide(pointing, new Localization(10, 20, 4.8, FIRST.plusSeconds(1), 3, 0.031));
    assertThat(same.verdict()).isEqualTo(Verdict.UNCHANGED);
    Decision shares = LocalizationRules.decide(pointing, new Localization(10, 20, 4.8, FIRST.plusSeconds(1), 3, 0.05));
    assertThat(shares.verdict()).isEqualTo(Verdict.MOVED);
    assertThat(shares.changed()).containsExactly("probability");
    // An alert that fitted one field has no probability: a notice that does not tile it changes none.
    Mission single = stored(MissionStatus.PENDING, 10, 20, 0.05, FIRST);
    assertThat(LocalizationRules.changes(single, new Localization(10, 20, 0.05, FIRST.plusSeconds(1)))).isEmpty();
  }

  @Test
  void aStaleNoticeChangesNothingWhateverItSays() {
    Mission m = stored(MissionStatus.IN_PROGRESS, 201.52, -43.0, 0.01, FIRST.plusSeconds(600));
    Decision older = LocalizationRules.decide(m, new Localization(201.37, -43.019, 0.0583, FIRST));
    assertThat(older.verdict()).isEqualTo(Verdict.STALE);
    assertThat(older.changed()).isEmpty();
    assertThat(older.write()).isFalse();
    // Without a time it cannot be ordered: no change either.
    assertThat(LocalizationRules.decide(m, new Localization(1, 2, null, null)).verdict()).isEqualTo(Verdict.STALE);
    // The same notice time with another position cannot be ordered: no change.
    assertThat(LocalizationRules.decide(m, new Localization(1, 2, null, FIRST.plusSeconds(600))).write()).isFalse();
  }

  @Test
  void aRepeatIsUnchangedAndANewerNoticeSayingTheSameIsStoredWithoutChange() {
    Mission m = stored(MissionStatus.IN_PROGRESS, 201.37, -43.019, 0.0583, FIRST);
    Decision repeat = LocalizationRules.decide(m, new Localization(201.37, -43.019, 0.0583, FIRST));
    assertThat(repeat.verdict()).isEqualTo(Verdict.UNCHANGED);
    assertThat(repeat.write()).isFalse();
    Decision same = LocalizationRules.decide(m, new Localization(201.37, -43.019, 0.0583, FIRST.plusSeconds(5)));
    assertThat(same.verdict()).isEqualTo(Verdict.UNCHANGED);
    assertThat(same.changed()).isEmpty();
    assertThat(same.write()).isTrue(); // the newer time is kept, so an older notice after it is known older
  }

  @Test
  void aClosedMissionNeverMoves() {
    for (MissionStatus closed : new MissionStatus[] {MissionStatus.CANCELLED, MissionStatus.COMPLETE,
        MissionStatus.EXPIRED}) {
      Decision d = LocalizationRules.decide(stored(closed, 10, 20, null, FIRST),
          new Localization(30, 40, null, FIRST.plusSeconds(60)));
      assertThat(d.verdict()).as(closed.name()).isEqualTo(Verdict.CLOSED);
      assertThat(d.write()).isFalse();
    }
  }

  @Test
  void positionsAreComparedOnTheCircleWithinTheNoticesRounding() {
    Mission m = stored(MissionStatus.PENDING, 359.99999999, 0, null, FIRST);
    assertThat(LocalizationRules.changes(m, new Localization(0.0, 0, null, FIRST.plusSeconds(1)))).isEmpty();
    assertThat(LocalizationRules.changes(m, new Localization(0.01, 0, null, FIRST.plusSeconds(1))))
        .containsExactly("target");
    assertThat(LocalizationRules.angleApart(359.99, 0.01)).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void noticeTimesAreCutToWhatCassandraKeeps() {
    assertThat(new Localization(1, 2, null, Instant.parse("2025-03-14T04:12:51.123456Z")).noticeAt())
        .isEqualTo(Instant.parse("2025-03-14T04:12:51.123Z"));
  }
}
