package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.buffer.Buffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.domain.NodeStatus;
import org.openastro.gateway.ingest.ReportException.Code;

class HeartbeatReportTest {
  static final int MAX = 1024;
  static final UUID TASK = UUID.fromString("3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b");

  static HeartbeatReport parse(String json) {
    return HeartbeatReport.parse(Buffer.buffer(json), MAX);
  }

  static ReportException refused(String json) {
    return catchThrowableOfType(ReportException.class, () -> parse(json));
  }

  @Test
  void emptyOrMissingPayloadIsACompleteAliveHeartbeat() {
    assertThat(HeartbeatReport.parse(null, MAX)).isSameAs(HeartbeatReport.ALIVE);
    assertThat(HeartbeatReport.parse(Buffer.buffer(), MAX)).isSameAs(HeartbeatReport.ALIVE);
    assertThat(HeartbeatReport.ALIVE.status()).isNull();
    assertThat(HeartbeatReport.ALIVE.currentTaskGiven()).isFalse();
  }

  @Test
  void emptyObjectChangesNothing() {
    assertThat(parse("{}")).isEqualTo(new HeartbeatReport(null, false, null, null));
  }

  @Test
  void fullReportIsRead() {
    HeartbeatReport r = parse("{\"status\": \"BUSY\", \"current_task_id\": \"" + TASK + "\","
        + " \"telemetry\": {\"ccd_temp_c\": -20.5, \"seeing\": [1, 2]}}");
    assertThat(r.status()).isEqualTo(NodeStatus.BUSY);
    assertThat(r.currentTaskGiven()).isTrue();
    assertThat(r.currentTaskId()).isEqualTo(TASK);
    assertThat(r.telemetry()).isEqualTo("{\"ccd_temp_c\":-20.5,\"seeing\":[1,2]}");
  }

  @Test
  void explicitNullTaskMeansIdleWhileAnAbsentOneMeansUnchanged() {
    HeartbeatReport idle = parse("{\"current_task_id\": null}");
    assertThat(idle.currentTaskGiven()).isTrue();
    assertThat(idle.currentTaskId()).isNull();
    assertThat(parse("{\"status\": \"ONLINE\"}").currentTaskGiven()).isFalse();
  }

  @Test
  void statusIsCaseInsensitive() {
    assertThat(parse("{\"status\": \"parked\"}").status()).isEqualTo(NodeStatus.PARKED);
  }

  @Test
  void faultedIsNotANodesOwnVerdict() {
    ReportException e = refused("{\"status\": \"FAULTED\"}");
    assertThat(e.code()).isEqualTo(Code.INVALID_FIELD);
    assertThat(e.field()).isEqualTo("status");
    assertThat(e.getMessage()).contains("status").contains("BUSY").contains("ONLINE").contains("PARKED")
        .doesNotContain("FAULTED");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"status\": 5}                              | INVALID_FIELD | status",
      "{\"status\": \"ASLEEP\"}                     | INVALID_FIELD | status",
      "{\"status\": [\"ONLINE\"]}                   | INVALID_FIELD | status",
      "{\"current_task_id\": \"nope\"}              | INVALID_FIELD | current_task_id",
      "{\"current_task_id\": \"1-2-3-4-5\"}         | INVALID_FIELD | current_task_id",
      "{\"current_task_id\": 42}                    | INVALID_FIELD | current_task_id",
      "{\"telemetry\": \"warm\"}                    | INVALID_FIELD | telemetry",
      "{\"telemetry\": [1]}                         | INVALID_FIELD | telemetry",
      "{\"statuss\": \"ONLINE\"}                    | UNKNOWN_FIELD | statuss",
      "{\"status\": \"ONLINE\", \"node_id\": \"x\"} | UNKNOWN_FIELD | node_id",
  })
  void badFieldsAreRefusedNamingTheField(String json, Code code, String field) {
    ReportException e = refused(json);
    assertThat(e).as(json).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"{", "not json", "[]", "[{}]", "\"text\"", "42", "null",
      "{} trailing", " ", "{\"status\": \"ONLINE\",}"})
  void nonObjectsAreInvalidJsonWithoutAField(String payload) {
    ReportException e = refused(payload);
    assertThat(e).as(payload).isNotNull();
    assertThat(e.code()).isEqualTo(Code.INVALID_JSON);
    assertThat(e.field()).isNull();
    assertThat(e.code().httpStatus()).isEqualTo(400);
  }

  @Test
  void payloadOverTheLimitIsRefusedBeforeParsing() {
    String big = "{\"telemetry\": {\"pad\": \"" + "x".repeat(MAX) + "\"}}";
    ReportException e = refused(big);
    assertThat(e.code()).isEqualTo(Code.PAYLOAD_TOO_LARGE);
    assertThat(e.code().httpStatus()).isEqualTo(413);
    assertThat(e.getMessage()).contains(String.valueOf(MAX));
    // exactly at the limit is fine
    String pad = "x".repeat(MAX - "{\"telemetry\": {\"p\": \"\"}}".length());
    String atLimit = "{\"telemetry\": {\"p\": \"" + pad + "\"}}";
    assertThat(atLimit).hasSize(MAX);
    assertThat(parse(atLimit).telemetry()).contains(pad);
  }

  @Test
  void wireCodesAreSnakeCase() {
    assertThat(Code.PAYLOAD_TOO_LARGE.wire()).isEqualTo("payload_too_large");
    assertThat(Code.UNKNOWN_TASK.httpStatus()).isEqualTo(404);
    assertThat(Code.TASK_CLOSED.httpStatus()).isEqualTo(409);
  }

  @Test
  void aLoneSurrogateAnywhereIsAnInvalidFieldNotAStorageFailure() {
    // JSON allows "\ud800"; it is no character and can not be stored as UTF-8
    ReportException e = refused("{\"telemetry\": {\"dome\": \"\\ud800\"}}");
    assertThat(e.code()).isEqualTo(Code.INVALID_FIELD);
    assertThat(e.field()).isEqualTo("telemetry.dome");
    assertThat(refused("{\"telemetry\": {\"\\udc00\": 1}}").code()).isEqualTo(Code.INVALID_FIELD);
  }
}
