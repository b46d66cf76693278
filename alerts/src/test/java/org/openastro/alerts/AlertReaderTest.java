package org.openastro.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertReaderTest {
  final AlertReader reader = new AlertReader();

  /** A notice that must be an alert with a position. */
  Alert alert(String contentType, String body) {
    Notice n = reader.read(contentType, body);
    assertThat(n).isInstanceOf(Alert.class);
    return (Alert) n;
  }

  @Test
  void swiftBatGuanoNoticeIsAGrbWithItsTriggerId() {
    Alert a = alert("application/json", Samples.text("swift-bat-guano.json"));
    assertThat(a.format()).isEqualTo(AlertFormat.GCN_JSON);
    assertThat(a.kind()).isEqualTo(AlertKind.GRB);
    assertThat(a.alertSourceId()).isEqualTo("GCN:swift:763617531");
    assertThat(a.ra()).isEqualTo(201.37);
    assertThat(a.dec()).isEqualTo(-43.019);
    assertThat(a.errorRadiusDeg()).isEqualTo(0.0583);
    assertThat(a.eventTime()).isEqualTo(Instant.parse("2025-03-14T03:58:17.44Z"));
    assertThat(a.issuedAt()).isEqualTo(Instant.parse("2025-03-14T04:12:51Z"));
    assertThat(a.noticeType()).isEqualTo("update");
  }

  @Test
  void fermiGbmPositionTakesTheFirstIdAndAZonelessTriggerTimeAsUtc() {
    Alert a = alert(null, Samples.text("fermi-gbm-ground-position.json"));
    assertThat(a.alertSourceId()).isEqualTo("GCN:fermi:770679779");
    assertThat(a.kind()).isEqualTo(AlertKind.GRB);
    assertThat(a.errorRadiusDeg()).isEqualTo(3.71);
    assertThat(a.eventTime()).isEqualTo(Instant.parse("2025-06-02T21:39:34.770Z"));
  }

  @Test
  void einsteinProbeWxtIsAnXrayTransient() {
    Alert a = alert("application/json; charset=utf-8", Samples.text("einstein-probe-wxt.json"));
    assertThat(a.kind()).isEqualTo(AlertKind.XRAY_TRANSIENT);
    assertThat(a.alertSourceId()).isEqualTo("GCN:einstein_probe:01709116233");
    assertThat(a.ra()).isEqualTo(54.912);
    assertThat(a.errorRadiusDeg()).isEqualTo(0.0347);
  }

  @Test
  void icecubeTrackIsANeutrino() {
    Alert a = alert("application/json", Samples.text("icecube-gold-track.json"));
    assertThat(a.kind()).isEqualTo(AlertKind.NEUTRINO);
    assertThat(a.alertSourceId()).isEqualTo("GCN:icecube:140712_18823301");
    assertThat(a.dec()).isEqualTo(5.88);
  }

  @Test
  void noticeWithoutSchemaIsKnownByItsMission() {
    Alert a = alert("application/json", """
        {"mission": "Swift", "instrument": "BAT-GUANO", "trigger_time": "2025-03-14T03:58:17Z",
         "ra": 10.5, "dec": 20.25, "id": [123456789]}""");
    assertThat(a.alertSourceId()).isEqualTo("GCN:swift:123456789");
    assertThat(a.kind()).isEqualTo(AlertKind.GRB);
  }

  @Test
  void voeventGivesPositionErrorTimeAndTrigIdAndIsSniffedWithoutContentType() {
    Alert a = alert(null, Samples.text("swift-bat-grb-pos.voevent.xml"));
    assertThat(a.format()).isEqualTo(AlertFormat.GCN_VOEVENT);
    assertThat(a.kind()).isEqualTo(AlertKind.GRB);
    assertThat(a.alertSourceId()).isEqualTo("GCN:swift:1287514");
    assertThat(a.ra()).isEqualTo(148.2217);
    assertThat(a.dec()).isEqualTo(31.6504);
    assertThat(a.errorRadiusDeg()).isEqualTo(0.05);
    assertThat(a.eventTime()).isEqualTo(Instant.parse("2025-04-27T02:33:01.52Z"));
    assertThat(a.issuedAt()).isEqualTo(Instant.parse("2025-04-27T02:33:19Z"));
    assertThat(a.noticeType()).isEqualTo("61");
  }

  @Test
  void voeventOfAnotherPacketOfTheSameTriggerIsTheSameEvent() {
    String first = Samples.text("swift-bat-grb-pos.voevent.xml");
    String refined = first.replace("BAT_GRB_Pos_1287514-391", "BAT_GRB_Pos_1287514-402")
        .replace("<C1>148.2217</C1>", "<C1>148.2301</C1>");
    assertThat(reader.read("text/xml", refined).missionId()).isEqualTo(reader.read("text/xml", first).missionId());
  }

  @Test
  void voeventWithADoctypeIsRefusedSoNoExternalEntityIsRead() {
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE VOEvent [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <VOEvent ivorn="ivo://nasa.gsfc.gcn/SWIFT#x" role="observation"><What><Param name="TrigID" value="&secret;"/></What></VOEvent>""";
    assertThatThrownBy(() -> reader.read("application/xml", xxe))
        .isInstanceOfSatisfying(AlertParseException.class, e -> {
          assertThat(e.code()).isEqualTo("invalid_xml");
          assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("root:");
        });
  }

  @Test
  void voeventWithoutPositionIsUnlocalizedNamingPosition2D() {
    String noPosition = Samples.text("swift-bat-grb-pos.voevent.xml").replaceAll("(?s)<Position2D.*</Position2D>", "");
    assertThat(reader.read("application/xml", noPosition)).isInstanceOfSatisfying(Unlocalized.class, u -> {
      assertThat(u.alertSourceId()).isEqualTo("GCN:swift:1287514");
      assertThat(u.why().code()).isEqualTo("missing_field");
      assertThat(u.why().field()).isEqualTo("Position2D");
    });
  }

  @Test
  void utilityRoleVoeventCreatesNothing() {
    String utility = Samples.text("swift-bat-grb-pos.voevent.xml").replace("role=\"observation\"", "role=\"utility\"");
    assertThatThrownBy(() -> reader.read("application/xml", utility))
        .isInstanceOfSatisfying(AlertParseException.class, e -> assertThat(e.field()).isEqualTo("role"));
  }

  @Test
  void malformedXmlIsInvalidXml() {
    assertThatThrownBy(() -> reader.read("application/xml", "<voe:VOEvent ivorn='x'><Who>"))
        .isInstanceOfSatisfying(AlertParseException.class, e -> assertThat(e.code()).isEqualTo("invalid_xml"));
  }

  @Test
  void tnsAnswerWithReplyIsASupernovaNamedWithoutPrefix() {
    Alert a = alert("application/json", Samples.text("tns-object.json"));
    assertThat(a.format()).isEqualTo(AlertFormat.TNS);
    assertThat(a.kind()).isEqualTo(AlertKind.SUPERNOVA);
    assertThat(a.alertSourceId()).isEqualTo("TNS:2025qfk");
    assertThat(a.ra()).isEqualTo(123.66129);
    assertThat(a.dec()).isEqualTo(45.36834);
    assertThat(a.eventTime()).isEqualTo(Instant.parse("2025-10-03T09:47:31.200Z"));
    assertThat(a.noticeType()).isEqualTo("SN Ia");
  }

  @Test
  void unclassifiedTnsObjectIsATransientAndKeepsItsIdentityWhenClassifiedLater() {
    String at = Samples.text("tns-object-unclassified.json");
    Alert before = alert(null, at);
    Alert after = alert(null, at.replace("\"AT\"", "\"SN\""));
    assertThat(before.kind()).isEqualTo(AlertKind.TRANSIENT);
    assertThat(after.kind()).isEqualTo(AlertKind.SUPERNOVA);
    assertThat(after.missionId()).isEqualTo(before.missionId());
  }

  @Test
  void retractionIsReadAsTheWithdrawalOfItsEvent() {
    Notice n = reader.read("application/json", Samples.text("swift-bat-guano-retraction.json"));
    assertThat(n).isInstanceOf(Retraction.class);
    assertThat(n.alertSourceId()).isEqualTo("GCN:swift:763617531");
    assertThat(n.missionId()).isEqualTo(reader.read(null, Samples.text("swift-bat-guano.json")).missionId());
  }

  @Test
  void noticeWithoutOneCoordinateNamesIt() {
    String noRa = Samples.text("einstein-probe-wxt.json").replace("\"ra\": 54.912,", "");
    assertThatThrownBy(() -> reader.read("application/json", noRa))
        .isInstanceOfSatisfying(AlertParseException.class, e -> {
          assertThat(e.code()).isEqualTo("missing_field");
          assertThat(e.field()).isEqualTo("ra");
        });
  }

  @Test
  void noticeWithoutAnyPositionIsUnlocalizedNamingRa() {
    String none = Samples.text("einstein-probe-wxt.json").replace("\"ra\": 54.912,", "")
        .replace("\"dec\": 27.336,", "");
    assertThat(reader.read("application/json", none)).isInstanceOfSatisfying(Unlocalized.class, u -> {
      assertThat(u.why().code()).isEqualTo("missing_field");
      assertThat(u.why().field()).isEqualTo("ra");
    });
  }

  @Test
  void outOfRangeDeclinationIsNamed() {
    String bad = Samples.text("icecube-gold-track.json").replace("\"dec\": 5.88", "\"dec\": 95.88");
    assertThatThrownBy(() -> reader.read("application/json", bad))
        .isInstanceOfSatisfying(AlertParseException.class, e -> {
          assertThat(e.code()).isEqualTo("invalid_field");
          assertThat(e.field()).isEqualTo("dec");
        });
  }

  @Test
  void brokenJsonAndUnknownDocumentsAreRefused() {
    assertThatThrownBy(() -> reader.read("application/json", "{\"ra\": 1,"))
        .isInstanceOfSatisfying(AlertParseException.class, e -> assertThat(e.code()).isEqualTo("invalid_json"));
    assertThatThrownBy(() -> reader.read("application/json", "{\"ra\": 1, \"dec\": 2}"))
        .isInstanceOfSatisfying(AlertParseException.class, e -> assertThat(e.code()).isEqualTo("unsupported_alert"));
    assertThatThrownBy(() -> reader.read("application/json", "  "))
        .isInstanceOf(AlertParseException.class);
  }

  @Test
  void sameEventGivesSameMissionIdAndOtherEventsOthers() {
    Alert a = alert(null, Samples.text("swift-bat-guano.json"));
    Alert again = alert(null, Samples.text("swift-bat-guano.json").replace("201.37", "201.41"));
    Alert other = alert(null, Samples.text("swift-bat-guano.json").replace("763617531", "763617532"));
    assertThat(again.missionId()).isEqualTo(a.missionId());
    assertThat(other.missionId()).isNotEqualTo(a.missionId());
  }
}
