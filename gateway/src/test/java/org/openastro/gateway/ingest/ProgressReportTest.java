package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.cql.ingest.TaskProgress;
import org.openastro.domain.TaskStatus;
import org.openastro.gateway.ingest.ReportException.Code;

class ProgressReportTest {
  static final int MAX = 64 * 1024;
  static final UUID TASK = UUID.fromString("3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b");

  static JsonObject valid() {
    return new JsonObject().put("task_id", TASK.toString()).put("exposure_delivered_s", 600).put("status", "EXECUTING");
  }

  static ProgressReport parse(JsonObject json) {
    return ProgressReport.parse(json.toBuffer(), MAX);
  }

  static ReportException refused(String payload) {
    return catchThrowableOfType(ReportException.class, () -> ProgressReport.parse(Buffer.buffer(payload), MAX));
  }

  @Test
  void validReportIsRead() {
    ProgressReport r = parse(valid().put("fits_object_storage_paths", new JsonArray().add("s3://a/1.fits")));
    assertThat(r.taskId()).isEqualTo(TASK);
    assertThat(r.exposureDeliveredS()).isEqualTo(600.0);
    assertThat(r.status()).isEqualTo(TaskStatus.EXECUTING);
    assertThat(r.fitsPaths()).containsExactly("s3://a/1.fits");
    UUID node = UUID.randomUUID();
    Instant at = Instant.parse("2025-01-01T00:00:00Z");
    TaskProgress progress = r.toTaskProgress(node, at);
    assertThat(progress).isEqualTo(new TaskProgress(node, TASK, 600.0, TaskStatus.EXECUTING, List.of("s3://a/1.fits"), at));
  }

  @Test
  void singlePathAndPathListMergeInOrderWithoutDuplicates() {
    ProgressReport r = parse(valid().put("fits_object_storage_path", "s3://a/0.fits")
        .put("fits_object_storage_paths", new JsonArray().add("s3://a/1.fits").add("s3://a/0.fits").add("s3://a/1.fits")));
    assertThat(r.fitsPaths()).containsExactly("s3://a/0.fits", "s3://a/1.fits");
  }

  @Test
  void boundsAreInclusiveAndFractionalSecondsKept() {
    assertThat(parse(valid().put("exposure_delivered_s", 0)).exposureDeliveredS()).isZero();
    assertThat(parse(valid().put("exposure_delivered_s", 12.25)).exposureDeliveredS()).isEqualTo(12.25);
    assertThat(parse(valid().put("exposure_delivered_s", ProgressReport.MAX_EXPOSURE_S)).exposureDeliveredS())
        .isEqualTo(ProgressReport.MAX_EXPOSURE_S);
  }

  @Test
  void observedAtIsTheNodesClockAndOptional() {
    assertThat(parse(valid()).observedAt()).isNull();
    assertThat(parse(valid().put("observed_at", "2026-12-02T03:04:05.678Z")).observedAt())
        .isEqualTo(Instant.parse("2026-12-02T03:04:05.678Z"));
    assertThatThrownBy(() -> parse(valid().put("observed_at", "yesterday")))
        .isInstanceOf(ReportException.class).hasMessageContaining("observed_at");
  }

  @Test
  void closingStatusesAreReportable() {
    assertThat(parse(valid().put("status", "SUCCESS")).status()).isEqualTo(TaskStatus.SUCCESS);
    assertThat(parse(valid().put("status", "failed")).status()).isEqualTo(TaskStatus.FAILED);
  }

  @Test
  void emptyPayloadIsNotAProgressReport() {
    ReportException e = catchThrowableOfType(ReportException.class, () -> ProgressReport.parse(Buffer.buffer(), MAX));
    assertThat(e.code()).isEqualTo(Code.INVALID_JSON);
    assertThat(e.getMessage()).contains("task_id").contains("exposure_delivered_s").contains("status");
    assertThat(catchThrowableOfType(ReportException.class, () -> ProgressReport.parse(null, MAX)).code())
        .isEqualTo(Code.INVALID_JSON);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "remove task_id              | MISSING_FIELD | task_id",
      "remove exposure_delivered_s | MISSING_FIELD | exposure_delivered_s",
      "remove status               | MISSING_FIELD | status",
  })
  void missingFieldsAreNamed(String what, Code code, String field) {
    JsonObject json = valid();
    json.remove(field);
    ReportException e = refused(json.encode());
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"task_id\": \"nope\", \"exposure_delivered_s\": 1, \"status\": \"EXECUTING\"}              | INVALID_FIELD | task_id",
      "{\"task_id\": null, \"exposure_delivered_s\": 1, \"status\": \"EXECUTING\"}                  | MISSING_FIELD | task_id",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": -1, \"status\": \"EXECUTING\"}                | INVALID_FIELD | exposure_delivered_s",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 10000001, \"status\": \"EXECUTING\"}          | INVALID_FIELD | exposure_delivered_s",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": \"600\", \"status\": \"EXECUTING\"}           | INVALID_FIELD | exposure_delivered_s",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": true, \"status\": \"EXECUTING\"}              | INVALID_FIELD | exposure_delivered_s",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 1e400, \"status\": \"EXECUTING\"}             | INVALID_FIELD | exposure_delivered_s",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 1, \"status\": \"PENDING\"}                   | INVALID_FIELD | status",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 1, \"status\": \"PARTIAL_COMPLETE\"}          | INVALID_FIELD | status",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 1, \"status\": \"EXECUTING\", \"x\": 1}       | UNKNOWN_FIELD | x",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 1, \"status\": \"EXECUTING\", \"fits_object_storage_paths\": \"s3://a\"} | INVALID_FIELD | fits_object_storage_paths",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 1, \"status\": \"EXECUTING\", \"fits_object_storage_paths\": [1]}        | INVALID_FIELD | fits_object_storage_paths",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 1, \"status\": \"EXECUTING\", \"fits_object_storage_paths\": [\" \"]}    | INVALID_FIELD | fits_object_storage_paths",
      "{\"task_id\": \"T\", \"exposure_delivered_s\": 1, \"status\": \"EXECUTING\", \"fits_object_storage_path\": 7}           | INVALID_FIELD | fits_object_storage_path",
  })
  void badFieldsAreRefusedNamingTheField(String json, Code code, String field) {
    ReportException e = refused(json.replace("\"T\"", "\"" + TASK + "\""));
    assertThat(e).as(json).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
  }

  @Test
  void pathListsAreBounded() {
    JsonArray many = new JsonArray(Collections.nCopies(ProgressReport.MAX_PATHS + 1, "s3://a"));
    ReportException tooMany = catchThrowableOfType(ReportException.class,
        () -> parse(valid().put("fits_object_storage_paths", many)));
    assertThat(tooMany.field()).isEqualTo("fits_object_storage_paths");
    String longPath = "s".repeat(ProgressReport.MAX_PATH_LENGTH + 1);
    ReportException tooLong = catchThrowableOfType(ReportException.class,
        () -> parse(valid().put("fits_object_storage_paths", new JsonArray().add(longPath))));
    assertThat(tooLong.field()).isEqualTo("fits_object_storage_paths");
    assertThat(parse(valid().put("fits_object_storage_path", longPath.substring(1))).fitsPaths()).hasSize(1);
  }

  @Test
  void oversizedPayloadIsTooLarge() {
    String payload = valid().put("fits_object_storage_path", "s".repeat(300)).encode();
    ReportException e = catchThrowableOfType(ReportException.class, () -> ProgressReport.parse(Buffer.buffer(payload), 256));
    assertThat(e.code()).isEqualTo(Code.PAYLOAD_TOO_LARGE);
  }
}
