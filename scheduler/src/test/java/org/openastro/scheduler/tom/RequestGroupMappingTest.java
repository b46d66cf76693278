package org.openastro.scheduler.tom;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.ScienceCase;

/** LCO request groups as missions: the pure mapping, fed payloads shaped as the portal's and the TOM Toolkit's. */
class RequestGroupMappingTest {
  static final Instant NOW = Instant.parse("2019-05-01T12:00:00Z");
  static final UUID GROUP = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");

  /** The portal's own imaging example (LCO's submit_imaging_requestgroup): two filters, two exposure times. */
  static final String LCO_EXAMPLE = """
      {"name": "Example Request 3", "proposal": "LCO2019A-001", "ipp_value": 1.05, "operator": "SINGLE",
       "observation_type": "NORMAL",
       "requests": [{
         "configurations": [{
           "type": "EXPOSE", "instrument_type": "1M0-SCICAM-SINISTRO",
           "target": {"name": "m83", "type": "SIDEREAL", "ra": 204.253, "dec": -29.865, "epoch": 2000},
           "constraints": {"max_airmass": 2, "min_lunar_distance": 30},
           "acquisition_config": {}, "guiding_config": {},
           "instrument_configs": [
             {"exposure_time": 30, "exposure_count": 1, "optical_elements": {"filter": "v"}},
             {"exposure_time": 60, "exposure_count": 1, "optical_elements": {"filter": "b"}}]}],
         "windows": [{"start": "2019-05-02 00:00:00", "end": "2019-05-30 00:00:00"}],
         "location": {"telescope_class": "1m0"}}]}""";

  /** What the TOM Toolkit's OCS form posts: one instrument config repeated, naive isoformat() times, nulls. */
  static final String TOM_PAYLOAD = """
      {"name": "SN 2019abc follow-up", "proposal": "OPENASTRO", "ipp_value": 1.0, "operator": "SINGLE",
       "observation_type": "RAPID_RESPONSE",
       "requests": [{
         "optimization_type": "TIME", "configuration_repeats": 1,
         "configurations": [{
           "type": "EXPOSE", "instrument_type": "0M4-IMAGER",
           "instrument_configs": [{"exposure_count": 3, "exposure_time": 120.0,
             "optical_elements": {"filter": "V"}, "mode": "default"}],
           "acquisition_config": {}, "guiding_config": {},
           "constraints": {"max_airmass": 1.6, "min_lunar_distance": 20, "max_lunar_phase": 0.5},
           "target": {"name": "SN 2019abc", "type": "ICRS", "ra": 150.125, "dec": 2.5,
             "proper_motion_ra": null, "proper_motion_dec": null, "epoch": 2000}}],
         "windows": [{"start": "2019-05-01T18:00:00", "end": "2019-05-02T06:00:00"}],
         "location": {"telescope_class": "0m4"}}]}""";

  static RequestGroupMapping.Mapped map(String json) {
    return RequestGroupMapping.map(PortalJson.plain(new JsonObject(json)), GROUP, "alice", NOW);
  }

  static Mission only(RequestGroupMapping.Mapped mapped) {
    assertThat(mapped.errors().tree()).as("errors").isEmpty();
    assertThat(mapped.requests()).hasSize(1);
    return mapped.requests().get(0).mission();
  }

  @Test
  void theTomToolkitsPayloadIsOneMissionInWholeFrames() {
    Mission m = only(map(TOM_PAYLOAD));
    assertThat(m.missionId()).isEqualTo(RequestIds.request(GROUP, 0));
    assertThat(m.targetRa()).isEqualTo(150.125);
    assertThat(m.targetDec()).isEqualTo(2.5);
    assertThat(m.totalExposureRequiredS()).isEqualTo(360.0); // 3 × 120 s
    assertThat(m.exposureTimeS()).isEqualTo(120.0);          // one exposure time: whole frames
    assertThat(m.requiredFilters()).containsExactly("V");
    assertThat(m.constraints().maxAirmass()).isEqualTo(1.6);
    assertThat(m.constraints().minMoonSeparationDeg()).isEqualTo(20.0);
    assertThat(m.constraints().maxMoonIllumination()).isEqualTo(0.5);
    assertThat(m.observationType()).isEqualTo(ObservationType.RAPID_RESPONSE);
    assertThat(m.priority()).isEqualTo(50);
    assertThat(m.timeConstraintStart()).isEqualTo(Instant.parse("2019-05-01T18:00:00Z")); // no zone: UTC
    assertThat(m.timeConstraintEnd()).isEqualTo(Instant.parse("2019-05-02T06:00:00Z"));
    assertThat(m.minApertureMm()).isEqualTo(350.0);
    assertThat(m.nightOnly()).isTrue();
    assertThat(m.minAltitudeDeg()).isZero();
    assertThat(m.scienceCase()).isEqualTo(ScienceCase.TRANSIENT_FOLLOWUP);
    assertThat(m.status()).isEqualTo(MissionStatus.PENDING);
    assertThat(m.owner()).isEqualTo("alice");
    assertThat(m.createdAt()).isEqualTo(NOW);
  }

  @Test
  void thePortalsImagingExampleSumsItsExposuresAndKeepsBothFilters() {
    RequestGroupMapping.Mapped mapped = map(LCO_EXAMPLE);
    Mission m = only(mapped);
    assertThat(m.totalExposureRequiredS()).isEqualTo(90.0);
    assertThat(m.exposureTimeS()).as("30 s and 60 s: no one frame length").isNull();
    assertThat(m.requiredFilters()).containsExactlyInAnyOrder("v", "b");
    assertThat(m.constraints().maxAirmass()).isEqualTo(2.0);
    assertThat(m.constraints().maxMoonIllumination()).isNull();
    assertThat(m.minApertureMm()).as("1m0 and 1M0-SCICAM-SINISTRO").isEqualTo(950.0);
    assertThat(m.priority()).isEqualTo(53); // round(1.05 × 50)
    assertThat(m.timeConstraintStart()).isEqualTo(Instant.parse("2019-05-02T00:00:00Z"));
    assertThat(mapped.group().name()).isEqualTo("Example Request 3");
    assertThat(mapped.group().proposal()).isEqualTo("LCO2019A-001");
    assertThat(mapped.requests().get(0).durationS()).isEqualTo(90.0);
    assertThat(mapped.requests().get(0).configurations()).containsExactly(List.of(30.0, 60.0));
  }

  @Test
  void exposureCountsAndRepeatsMultiplyAndManyRequestsAreManyMissions() {
    JsonObject g = new JsonObject(TOM_PAYLOAD).put("operator", "MANY");
    JsonObject second = g.getJsonArray("requests").getJsonObject(0).copy().put("configuration_repeats", 2);
    second.getJsonArray("configurations").getJsonObject(0).getJsonObject("target").put("ra", 10.0);
    g.getJsonArray("requests").add(second);
    RequestGroupMapping.Mapped mapped = map(g.encode());
    assertThat(mapped.errors().tree()).isEmpty();
    assertThat(mapped.requests()).extracting(r -> r.mission().missionId())
        .containsExactly(RequestIds.request(GROUP, 0), RequestIds.request(GROUP, 1));
    Mission twice = mapped.requests().get(1).mission();
    assertThat(twice.totalExposureRequiredS()).isEqualTo(720.0); // 2 × 3 × 120 s
    assertThat(twice.exposureTimeS()).isEqualTo(120.0);
    assertThat(twice.targetRa()).isEqualTo(10.0);
  }

  @Test
  void absentConstraintsAreThePortalsDefaults() {
    JsonObject g = new JsonObject(TOM_PAYLOAD);
    g.getJsonArray("requests").getJsonObject(0).getJsonArray("configurations").getJsonObject(0)
        .put("constraints", new JsonObject().putNull("max_airmass"));
    Mission m = only(map(g.encode()));
    assertThat(m.constraints().maxAirmass()).isEqualTo(1.6);
    assertThat(m.constraints().minMoonSeparationDeg()).isEqualTo(30.0);
    assertThat(m.constraints().maxMoonIllumination()).isNull();
  }

  @Test
  void severalConfigurationsKeepTheStrictestConstraintsAndEveryFilter() {
    JsonObject g = new JsonObject(TOM_PAYLOAD);
    JsonArray configurations = g.getJsonArray("requests").getJsonObject(0).getJsonArray("configurations");
    JsonObject other = configurations.getJsonObject(0).copy();
    other.put("constraints", new JsonObject().put("max_airmass", 1.3).put("min_lunar_distance", 10));
    other.getJsonArray("instrument_configs").getJsonObject(0).put("optical_elements", new JsonObject().put("filter", "R"))
        .put("exposure_count", 1);
    configurations.add(other);
    Mission m = only(map(g.encode()));
    assertThat(m.constraints().maxAirmass()).isEqualTo(1.3);
    assertThat(m.constraints().minMoonSeparationDeg()).isEqualTo(20.0);
    assertThat(m.constraints().maxMoonIllumination()).isEqualTo(0.5);
    assertThat(m.requiredFilters()).containsExactlyInAnyOrder("V", "R");
    assertThat(m.totalExposureRequiredS()).isEqualTo(480.0);
  }

  @ParameterizedTest(name = "ipp {0} -> priority {1}")
  @CsvSource({"0.5, 25", "1.0, 50", "1.05, 53", "1.5, 75", "2.0, 100"})
  void ippValueIsPriority(double ipp, int priority) {
    assertThat(RequestGroupMapping.priority(ipp)).isEqualTo(priority);
  }

  /** What cannot be honoured is refused in the portal's shape, at the field's path. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "non-ICRS target      | target.type=ORBITAL_ELEMENTS     | requests[0].configurations[0].target.type",
      "spectrum             | type=SPECTRUM                    | requests[0].configurations[0].type",
      "two windows          | windows+                         | requests[0].windows",
      "window ended         | window.end=2019-04-30T00:00:00Z  | requests[0].windows[0].end",
      "end before start     | window.end=2019-05-01T17:00:00   | requests[0].windows[0].end",
      "ipp out of range     | ipp_value=3                      | ipp_value",
      "direct observation   | observation_type=DIRECT          | observation_type",
      "slit                 | optical_elements.slit=slit_1.6as | requests[0].configurations[0].instrument_configs[0].optical_elements.slit",
      "pinned telescope     | location.site=tfn                | requests[0].location.site",
      "no such class        | location.telescope_class=big     | requests[0].location.telescope_class",
      "foreign instrument   | instrument_type=SOAR_GHTS_REDCAM | requests[0].configurations[0].instrument_type",
      "seeing               | constraints.max_seeing=1.2       | requests[0].configurations[0].constraints.max_seeing",
      "zero exposure        | exposure_time=0                  | requests[0].configurations[0].instrument_configs[0].exposure_time",
      "epoch 1950           | target.epoch=1950                | requests[0].configurations[0].target.epoch",
      "no proposal          | proposal=                        | proposal",
      "cadence              | cadence                          | requests[0].cadence"})
  void refusals(String name, String change, String field) {
    JsonObject g = new JsonObject(TOM_PAYLOAD);
    JsonObject request = g.getJsonArray("requests").getJsonObject(0);
    JsonObject configuration = request.getJsonArray("configurations").getJsonObject(0);
    JsonObject ic = configuration.getJsonArray("instrument_configs").getJsonObject(0);
    String key = change.contains("=") ? change.substring(0, change.indexOf('=')) : change;
    String value = change.contains("=") ? change.substring(change.indexOf('=') + 1) : null;
    switch (key) {
      case "target.type" -> configuration.getJsonObject("target").put("type", value);
      case "type" -> configuration.put("type", value);
      case "windows+" -> request.getJsonArray("windows").add(request.getJsonArray("windows").getJsonObject(0).copy());
      case "window.end" -> request.getJsonArray("windows").getJsonObject(0).put("end", value);
      case "ipp_value" -> g.put("ipp_value", Double.parseDouble(value));
      case "observation_type" -> g.put("observation_type", value);
      case "optical_elements.slit" -> ic.getJsonObject("optical_elements").put("slit", value);
      case "location.site" -> request.getJsonObject("location").put("site", value);
      case "location.telescope_class" -> request.getJsonObject("location").put("telescope_class", value);
      case "instrument_type" -> configuration.put("instrument_type", value);
      case "constraints.max_seeing" -> configuration.getJsonObject("constraints").put("max_seeing", 1.2);
      case "exposure_time" -> ic.put("exposure_time", 0);
      case "target.epoch" -> configuration.getJsonObject("target").put("epoch", 1950);
      case "proposal" -> g.put("proposal", "");
      case "cadence" -> request.put("cadence", new JsonObject().put("period", 24));
      default -> throw new IllegalArgumentException(key);
    }
    RequestGroupMapping.Mapped mapped = map(g.encode());
    assertThat(mapped.valid()).isFalse();
    assertThat(mapped.requests()).isEmpty();
    assertThat(mapped.errors().firstField()).isEqualTo(field);
    assertThat(new JsonObject(mapped.errors().tree()).encode()).as("the portal's nesting").startsWith(
        field.startsWith("requests") ? "{\"requests\":[{" : "{\"" + field + "\":[\"");
  }

  @Test
  void everyProblemIsNamedInOneAnswerInThePortalsNesting() {
    JsonObject g = new JsonObject(TOM_PAYLOAD).put("operator", "MANY").putNull("name");
    JsonObject bad = g.getJsonArray("requests").getJsonObject(0).copy();
    bad.getJsonArray("configurations").getJsonObject(0).getJsonObject("target").put("type", "HOUR_ANGLE");
    g.getJsonArray("requests").add(bad);
    LcoErrors errors = map(g.encode()).errors();
    Map<String, Object> tree = errors.tree();
    assertThat(tree.get("name")).isEqualTo(List.of("This field is required."));
    // the valid first request is an empty object, as the portal lists them
    assertThat(new JsonObject(tree).getJsonArray("requests").getJsonObject(0)).isEqualTo(new JsonObject());
    assertThat(new JsonObject(tree).getJsonArray("requests").getJsonObject(1).getJsonArray("configurations")
        .getJsonObject(0).getJsonObject("target").getJsonArray("type").getString(0)).contains("only ICRS targets");
  }

  @Test
  void singleMeansOneRequestAndTargetsMayNotDifferWithinARequest() {
    JsonObject g = new JsonObject(TOM_PAYLOAD);
    g.getJsonArray("requests").add(g.getJsonArray("requests").getJsonObject(0).copy());
    assertThat(map(g.encode()).errors().tree()).containsKey(LcoErrors.NON_FIELD);

    JsonObject h = new JsonObject(TOM_PAYLOAD);
    JsonArray configurations = h.getJsonArray("requests").getJsonObject(0).getJsonArray("configurations");
    JsonObject elsewhere = configurations.getJsonObject(0).copy();
    elsewhere.getJsonObject("target").put("dec", -40.0);
    configurations.add(elsewhere);
    assertThat(map(h.encode()).errors().firstField()).isEqualTo("requests[0].configurations[1].target");
  }

  @Test
  void idsAreStableForAKeyAndFreshWithoutOne() {
    assertThat(RequestIds.group("alice", "k1")).isEqualTo(RequestIds.group("alice", "k1"))
        .isNotEqualTo(RequestIds.group("bob", "k1")).isNotEqualTo(RequestIds.group("alice", "k2"));
    assertThat(RequestIds.group("alice", null)).isNotEqualTo(RequestIds.group("alice", null));
    assertThat(RequestIds.request(GROUP, 0)).isEqualTo(RequestIds.request(GROUP, 0))
        .isNotEqualTo(RequestIds.request(GROUP, 1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2019-05-02 00:00:00, 2019-05-02T00:00:00Z", "2019-05-02T00:00:00, 2019-05-02T00:00:00Z",
      "2019-05-02T01:30:00.123456, 2019-05-02T01:30:00.123456Z", "2019-05-02T02:00:00+02:00, 2019-05-02T00:00:00Z",
      "2019-05-02T00:00:00Z, 2019-05-02T00:00:00Z", "2019-05-02, 2019-05-02T00:00:00Z"})
  void timesAsThePortalTakesThem(String text, String instant) {
    assertThat(LcoTimes.parse(text)).isEqualTo(Instant.parse(instant));
  }
}
