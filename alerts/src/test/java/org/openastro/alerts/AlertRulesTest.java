package org.openastro.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.ScienceCase;

class AlertRulesTest {
  static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");

  @Test
  void grbBecomesAHighPriorityFollowUpWindowStartingNow() {
    Alert grb = (Alert) new AlertReader().read(null, Samples.text("swift-bat-guano.json"));
    Mission m = AlertRules.defaults().missionFor(grb, "alice", NOW);
    assertThat(m.missionId()).isEqualTo(grb.missionId());
    assertThat(m.scienceCase()).isEqualTo(ScienceCase.GRB_FOLLOWUP);
    assertThat(m.priority()).isEqualTo(95);
    assertThat(m.totalExposureRequiredS()).isEqualTo(1800.0);
    assertThat(m.timeConstraintStart()).isEqualTo(NOW);
    assertThat(m.timeConstraintEnd()).isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(m.alertSourceId()).isEqualTo("GCN:swift:763617531");
    assertThat(m.owner()).isEqualTo("alice");
    assertThat(m.status()).isEqualTo(MissionStatus.PENDING);
    assertThat(m.targetRa()).isEqualTo(201.37);
  }

  @Test
  void supernovaIsALowerPriorityDeepStack() {
    AlertRule sn = AlertRules.defaults().ruleFor(AlertKind.SUPERNOVA);
    assertThat(sn.scienceCase()).isEqualTo(ScienceCase.DEEP_STACK);
    assertThat(sn.priority()).isLessThan(AlertRules.defaults().ruleFor(AlertKind.GRB).priority());
  }

  @Test
  void aSettingChangesOnlyTheKindsItNames() {
    AlertRules rules = AlertRules.parse("GRB=grb_followup/99/20m/3h");
    assertThat(rules.ruleFor(AlertKind.GRB))
        .isEqualTo(new AlertRule(ScienceCase.GRB_FOLLOWUP, 99, Duration.ofMinutes(20), Duration.ofHours(3),
            ObservationType.RAPID_RESPONSE));
    assertThat(rules.ruleFor(AlertKind.NEUTRINO)).isEqualTo(AlertRules.defaults().ruleFor(AlertKind.NEUTRINO));
  }

  @Test
  void gammaAndXrayAlertsAreRapidResponseByDefaultAndTheFifthPartSetsTheClass() {
    assertThat(AlertRules.defaults().ruleFor(AlertKind.GRB).observationType()).isEqualTo(ObservationType.RAPID_RESPONSE);
    assertThat(AlertRules.defaults().ruleFor(AlertKind.XRAY_TRANSIENT).observationType())
        .isEqualTo(ObservationType.RAPID_RESPONSE);
    assertThat(AlertRules.defaults().ruleFor(AlertKind.SUPERNOVA).observationType()).isEqualTo(ObservationType.NORMAL);
    AlertRules rules = AlertRules.parse("GRB=GRB_FOLLOWUP/95/30m/6h/normal,SUPERNOVA=DEEP_STACK/40/2h/14d/TIME_CRITICAL");
    assertThat(rules.ruleFor(AlertKind.GRB).observationType()).isEqualTo(ObservationType.NORMAL);
    assertThat(rules.ruleFor(AlertKind.SUPERNOVA).observationType()).isEqualTo(ObservationType.TIME_CRITICAL);
    Alert grb = (Alert) new AlertReader().read(null, Samples.text("swift-bat-guano.json"));
    assertThat(AlertRules.defaults().missionFor(grb, "alice", NOW).observationType())
        .isEqualTo(ObservationType.RAPID_RESPONSE);
    assertThatThrownBy(() -> AlertRules.parse("GRB=GRB_FOLLOWUP/95/30m/6h/URGENT")).hasMessageContaining("expected one of");
  }

  @Test
  void badRulesSayWhatIsWrong() {
    assertThatThrownBy(() -> AlertRules.parse("GRB=GRB_FOLLOWUP/95/30m")).hasMessageContaining("KIND=SCIENCE_CASE");
    assertThatThrownBy(() -> AlertRules.parse("GRB=GRB_FOLLOWUP/101/30m/6h")).hasMessageContaining("between 1 and 100");
    assertThatThrownBy(() -> AlertRules.parse("BLAZAR=DEEP_STACK/50/1h/1d")).hasMessageContaining("expected one of");
    assertThatThrownBy(() -> AlertRules.parse("GRB=NAPPING/50/1h/1d")).hasMessageContaining("expected one of");
  }
}
