package org.openastro.gateway.mqtt;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import org.openastro.gateway.ingest.ReportException;

/** MQTT 5 PUBACK reason codes for refused reports (MQTT 3.1.1 has none: the report is dropped and counted). */
final class ReasonCodes {
  private ReasonCodes() {}

  static MqttPubAckReasonCode forReport(ReportException.Code code) {
    return switch (code) {
      case INVALID_JSON, MISSING_FIELD, INVALID_FIELD, UNKNOWN_FIELD -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
      case NOT_AUTHORIZED -> MqttPubAckReasonCode.NOT_AUTHORIZED;
      case PAYLOAD_TOO_LARGE, UNKNOWN_TASK, TASK_NOT_ASSIGNED, TASK_CLOSED ->
          MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    };
  }

  /** A refusal the API's rules gave (shared with HTTP): a 400 is the payload's fault, the rest the request's. */
  static MqttPubAckReasonCode forApiError(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
      case 401, 403 -> MqttPubAckReasonCode.NOT_AUTHORIZED;
      default -> MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    };
  }
}
