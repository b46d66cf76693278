package org.openastro.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The parsing rules of the life of an alert: which fields of each format make a notice a
 * retraction, a later notice of the same event, or a test notice.
 */
class NoticeReadingTest {
  final AlertReader reader = new AlertReader();
  final String guano = Samples.text("swift-bat-guano.json");
  final String voevent = Samples.text("swift-bat-grb-pos.voevent.xml");

  @Test
  void gcnJsonAlertTenseTestOrInjectionIsATestNoticeAndCurrentIsNot() {
    assertThat(reader.read(null, guano).test()).isFalse();
    assertThat(reader.read(null, guano.replace("\"current\"", "\"test\"")).test()).isTrue();
    assertThat(reader.read(null, guano.replace("\"current\"", "\"Injection\"")).test()).isTrue();
    assertThat(reader.read(null, guano.replace("\"current\"", "\"archival\"")).test()).isFalse();
  }

  @Test
  void gcnJsonUpdateIsALaterLocalizationOfTheSameEventWithItsOwnTime() {
    Notice initial = reader.read(null, guano.replace("\"update\"", "\"initial\""));
    Notice update = reader.read(null, guano.replace("\"ra\": 201.37", "\"ra\": 201.52")
        .replace("2025-03-14T04:12:51Z", "2025-03-14T04:30:00Z"));
    assertThat(update).isInstanceOf(Alert.class);
    assertThat(update.missionId()).isEqualTo(initial.missionId());
    assertThat(update.issuedAt()).isEqualTo(Instant.parse("2025-03-14T04:30:00Z"));
    assertThat(((Alert) update).ra()).isEqualTo(201.52);
  }

  @Test
  void gcnJsonRetractionNeedsNoPositionAndKeepsItsTime() {
    Notice n = reader.read(null, Samples.text("swift-bat-guano-retraction.json"));
    assertThat(n).isInstanceOf(Retraction.class);
    assertThat(n.issuedAt()).isEqualTo(Instant.parse("2025-03-14T05:02:10Z"));
    assertThat(n.noticeType()).isEqualTo("retraction");
    assertThat(n.test()).isFalse();
    // Upper case, as LVK writes it, is a retraction too.
    assertThat(reader.read(null, Samples.text("swift-bat-guano-retraction.json").replace("\"retraction\"",
        "\"RETRACTION\""))).isInstanceOf(Retraction.class);
  }

  @Test
  void lvkRetractionIsTheWithdrawalOfItsSuperevent() {
    Notice n = reader.read("application/json", Samples.text("lvk-retraction.json"));
    assertThat(n).isInstanceOf(Retraction.class);
    assertThat(n.source()).isEqualTo("lvk");
    assertThat(n.eventId()).isEqualTo("S230518h");
    assertThat(n.alertSourceId()).isEqualTo("GCN:lvk:S230518h");
    assertThat(n.issuedAt()).isEqualTo(Instant.parse("2023-05-18T13:41:02Z"));
    assertThat(n.test()).isFalse();
  }

  @Test
  void lvkMockAndTestSupereventsAreTestNoticesAndTheirSkyMapIsTheirPosition() {
    Notice mock = reader.read(null, Samples.text("lvk-mock-preliminary.json"));
    assertThat(mock.test()).isTrue();
    assertThat(mock.noticeType()).isEqualTo("PRELIMINARY");
    Notice real = reader.read(null, Samples.text("lvk-mock-preliminary.json").replace("MS250501abc", "S250501abc"));
    assertThat(real.test()).isFalse();
    // Localized by its multi-order sky map alone: placed where the map is read (AlertTiling).
    assertThat(real).isInstanceOfSatisfying(Alert.class, a -> {
      assertThat(a.positionFromMap()).isTrue();
      assertThat(a.region()).isInstanceOfSatisfying(AlertRegion.SkyMap.class, m -> {
        assertThat(m.field()).isEqualTo("event.skymap");
        assertThat(m.fits()).startsWith("SIMPLE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      });
    });
    String noMap = Samples.text("lvk-mock-preliminary.json").replace("MS250501abc", "S250501abc")
        .replace("\"skymap\":", "\"no_skymap\":");
    assertThat(((Unlocalized) reader.read(null, noMap)).why().field()).isEqualTo("event.skymap");
    assertThat(reader.read(null, Samples.text("lvk-retraction.json").replace("S230518h", "TS230518h")).test())
        .isTrue();
  }

  @Test
  void voeventOfRoleTestOrATestSubmissionIsATestNotice() {
    assertThat(reader.read(null, voevent).test()).isFalse();
    assertThat(reader.read(null, voevent.replace("role=\"observation\"", "role=\"test\"")).test()).isTrue();
    assertThat(reader.read(null, voevent.replace("name=\"Test_Submission\" dataType=\"string\" value=\"false\"",
        "name=\"Test_Submission\" dataType=\"string\" value=\"true\"")).test()).isTrue();
  }

  @Test
  void voeventCitingTheFirstWithRetractionIsTheWithdrawalOfItsTrigger() {
    Notice n = reader.read(null, Samples.text("swift-bat-grb-pos-retraction.voevent.xml"));
    assertThat(n).isInstanceOf(Retraction.class);
    assertThat(n.missionId()).isEqualTo(reader.read(null, voevent).missionId());
    assertThat(n.issuedAt()).isEqualTo(Instant.parse("2025-04-27T03:05:44Z"));
    // Role retraction says the same.
    assertThat(reader.read(null, voevent.replace("role=\"observation\"", "role=\"retraction\"")))
        .isInstanceOf(Retraction.class);
  }

  @Test
  void voeventWithoutTrigIdCitingTheFirstIsAboutTheFirstsEvent() {
    String first = voevent.replaceAll("<Param name=\"TrigID\"[^>]*/>", "");
    String followup = first.replace("BAT_GRB_Pos_1287514-391", "BAT_GRB_Pos_1287514-405")
        .replace("<C1>148.2217</C1>", "<C1>148.2301</C1>")
        .replace("</What>", "</What><Citations><EventIVORN cite=\"followup\">"
            + "ivo://nasa.gsfc.gcn/SWIFT#BAT_GRB_Pos_1287514-391</EventIVORN></Citations>");
    Notice a = reader.read(null, first);
    Notice b = reader.read(null, followup);
    assertThat(a.eventId()).isEqualTo("BAT_GRB_Pos_1287514-391");
    assertThat(b).isInstanceOf(Alert.class);
    assertThat(b.missionId()).isEqualTo(a.missionId());
  }

  @Test
  void lvkVoeventMeetsTheJsonNoticeOfItsSupereventAndSaysRetractionByAlertType() {
    String lvk = """
        <?xml version="1.0" encoding="UTF-8"?>
        <voe:VOEvent xmlns:voe="http://www.ivoa.net/xml/VOEvent/v2.0" version="2.0" role="observation"
            ivorn="ivo://gwnet/LVC#S230518h-3-Retraction">
          <Who><Date>2023-05-18T13:41:02</Date></Who>
          <What>
            <Param name="GraceID" dataType="string" value="S230518h"/>
            <Param name="AlertType" dataType="string" value="Retraction"/>
          </What>
        </voe:VOEvent>""";
    Notice n = reader.read("application/xml", lvk);
    assertThat(n).isInstanceOf(Retraction.class);
    assertThat(n.alertSourceId()).isEqualTo("GCN:lvk:S230518h");
    assertThat(n.missionId()).isEqualTo(reader.read(null, Samples.text("lvk-retraction.json")).missionId());
    assertThat(reader.read("application/xml", lvk.replace("S230518h", "MS230518h")).test()).isTrue();
  }

  @Test
  void tenseWords() {
    assertThat(NoticeTense.isRetraction(" Retraction ")).isTrue();
    assertThat(NoticeTense.isRetraction("update")).isFalse();
    assertThat(NoticeTense.isRetraction(null)).isFalse();
    assertThat(NoticeTense.isTestTense("TEST")).isTrue();
    assertThat(NoticeTense.isTestTense("injection")).isTrue();
    assertThat(NoticeTense.isTestTense("current")).isFalse();
    assertThat(NoticeTense.isTestTense(null)).isFalse();
    assertThat(NoticeTense.isLvkPractice("MS230518h")).isTrue();
    assertThat(NoticeTense.isLvkPractice("TS230518h")).isTrue();
    assertThat(NoticeTense.isLvkPractice("S230518h")).isFalse();
  }
}
