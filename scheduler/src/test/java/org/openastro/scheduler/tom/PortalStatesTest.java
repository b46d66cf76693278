package org.openastro.scheduler.tom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;

/** OpenAstro's states in the portal's words, and telescope classes. */
class PortalStatesTest {
  @ParameterizedTest(name = "mission {0} -> request {1}")
  @CsvSource({"PENDING, PENDING", "IN_PROGRESS, PENDING", "COMPLETE, COMPLETED", "EXPIRED, WINDOW_EXPIRED",
      "CANCELLED, CANCELED"})
  void missionStatusIsRequestState(MissionStatus status, String state) {
    assertThat(PortalStates.request(status)).isEqualTo(state);
  }

  @ParameterizedTest(name = "task {0} -> observation {1}")
  @CsvSource({"PENDING, PENDING", "EXECUTING, IN_PROGRESS", "SUCCESS, COMPLETED", "PARTIAL_COMPLETE, ABORTED",
      "FAILED, FAILED", "CANCELLED, CANCELED"})
  void taskStatusIsObservationState(TaskStatus status, String state) {
    assertThat(PortalStates.observation(status)).isEqualTo(state);
  }

  @Test
  void everyStatusHasAState() {
    for (MissionStatus s : MissionStatus.values()) {
      assertThat(PortalStates.request(s)).isNotNull();
    }
    for (NodeStatus s : NodeStatus.values()) {
      assertThat(PortalStates.telescope(s).type()).isNotNull();
    }
    assertThat(PortalStates.telescope(NodeStatus.BUSY).type()).isEqualTo("AVAILABLE");
    assertThat(PortalStates.telescope(NodeStatus.FAULTED).type()).isEqualTo("SITE_AGENT_UNRESPONSIVE");
  }

  @Test
  void aGroupsStateIsAggregatedAsThePortalDoes() {
    assertThat(PortalStates.group("SINGLE", List.of("PENDING"))).isEqualTo("PENDING");
    assertThat(PortalStates.group("SINGLE", List.of("CANCELED"))).isEqualTo("CANCELED");
    // MANY: pending while any request is; then completed if any did
    assertThat(PortalStates.group("MANY", List.of("COMPLETED", "PENDING"))).isEqualTo("PENDING");
    assertThat(PortalStates.group("MANY", List.of("WINDOW_EXPIRED", "COMPLETED", "CANCELED"))).isEqualTo("COMPLETED");
    assertThat(PortalStates.group("MANY", List.of("CANCELED", "WINDOW_EXPIRED"))).isEqualTo("WINDOW_EXPIRED");
  }

  @ParameterizedTest(name = "{0} mm -> {1}")
  @CsvSource({"356, 0m4, 0M4-IMAGER, 350", "400, 0m4, 0M4-IMAGER, 350", "1000, 1m0, 1M0-IMAGER, 950",
      "2000, 2m0, 2M0-IMAGER, 1950", "80, 0m1, 0M1-IMAGER, "})
  void telescopeClasses(double apertureMm, String code, String instrument, Double minApertureMm) {
    TelescopeClass c = TelescopeClass.ofAperture(apertureMm);
    assertThat(c.code()).isEqualTo(code);
    assertThat(c.instrumentType()).isEqualTo(instrument);
    assertThat(c.minApertureMm()).isEqualTo(minApertureMm);
    assertThat(TelescopeClass.parseCode(code)).contains(c);
    assertThat(TelescopeClass.ofInstrumentType(instrument)).contains(c);
  }

  @Test
  void lcoInstrumentTypesNameTheirClass() {
    assertThat(TelescopeClass.ofInstrumentType("1M0-SCICAM-SINISTRO")).contains(new TelescopeClass(10));
    assertThat(TelescopeClass.ofInstrumentType("SOAR_GHTS_REDCAM")).isEmpty();
    assertThat(TelescopeClass.parseCode("0m0")).isEmpty();
  }
}
