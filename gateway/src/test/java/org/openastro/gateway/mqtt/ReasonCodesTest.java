package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import org.junit.jupiter.api.Test;
import org.openastro.gateway.ingest.ReportException.Code;

/** The MQTT 5 PUBACK reason codes the README's node protocol promises for each refusal. */
class ReasonCodesTest {
  @Test
  void everyRefusalHasTheDocumentedReasonCode() {
    assertThat(ReasonCodes.forReport(Code.INVALID_JSON)).isEqualTo(MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    assertThat(ReasonCodes.forReport(Code.MISSING_FIELD)).isEqualTo(MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    assertThat(ReasonCodes.forReport(Code.INVALID_FIELD)).isEqualTo(MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    assertThat(ReasonCodes.forReport(Code.UNKNOWN_FIELD)).isEqualTo(MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    assertThat(ReasonCodes.forReport(Code.NOT_AUTHORIZED)).isEqualTo(MqttPubAckReasonCode.NOT_AUTHORIZED);
    assertThat(ReasonCodes.forReport(Code.PAYLOAD_TOO_LARGE)).isEqualTo(MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    assertThat(ReasonCodes.forReport(Code.UNKNOWN_TASK)).isEqualTo(MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    assertThat(ReasonCodes.forReport(Code.TASK_NOT_ASSIGNED)).isEqualTo(MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    assertThat(ReasonCodes.forReport(Code.TASK_CLOSED)).isEqualTo(MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
  }

  @Test
  void wireValuesAreTheDocumentedBytesAndNeverSuccess() {
    assertThat(MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID.value()).isEqualTo((byte) 0x99);
    assertThat(MqttPubAckReasonCode.NOT_AUTHORIZED.value()).isEqualTo((byte) 0x87);
    assertThat(MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR.value()).isEqualTo((byte) 0x83);
    for (Code code : Code.values()) {
      assertThat(ReasonCodes.forReport(code).value() & 0xff).as(code.name()).isGreaterThanOrEqualTo(0x80);
    }
  }
}
