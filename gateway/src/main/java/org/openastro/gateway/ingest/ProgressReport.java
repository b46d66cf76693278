package org.openastro.gateway.ingest;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.openastro.api.json.StrictJson;
import org.openastro.cql.ingest.TaskProgress;
import org.openastro.domain.TaskStatus;

/**
 * A progress report's content: cumulative, so applying it twice changes nothing. {@code observedAt}
 * is the node's own clock (optional): kept with the report for the history, never used to order
 * reports, which the cumulative exposure does whatever the clocks say.
 */
public record ProgressReport(UUID taskId, double exposureDeliveredS, TaskStatus status, List<String> fitsPaths,
    Instant observedAt) {
  /** Longer than any single task can be (a 30-day stack is 2.6 million seconds). */
  static final double MAX_EXPOSURE_S = 10_000_000;
  static final int MAX_PATHS = 256;
  static final int MAX_PATH_LENGTH = 1024;
  static final Set<TaskStatus> REPORTABLE = EnumSet.of(TaskStatus.EXECUTING, TaskStatus.SUCCESS, TaskStatus.FAILED);
  private static final Set<String> FIELDS = Set.of("task_id", "exposure_delivered_s", "status",
      "fits_object_storage_path", "fits_object_storage_paths", "observed_at");

  public static ProgressReport parse(Buffer payload, int maxBytes) {
    if (payload == null || payload.length() == 0) {
      throw new ReportException(ReportException.Code.INVALID_JSON, null,
          "a progress report needs a JSON object with task_id, exposure_delivered_s and status");
    }
    StrictJson fields = StrictJson.parse(payload, maxBytes, ReportException.JSON).onlyAllowed(FIELDS);
    UUID taskId = fields.uuid("task_id", true);
    double exposure = fields.number("exposure_delivered_s", 0, MAX_EXPOSURE_S);
    TaskStatus status = fields.enumValue("status", REPORTABLE, true);
    // the single path first, then the list, without duplicates
    Set<String> paths = new LinkedHashSet<>();
    String single = fields.string("fits_object_storage_path", false, MAX_PATH_LENGTH);
    if (single != null) {
      paths.add(single);
    }
    paths.addAll(fields.strings("fits_object_storage_paths", MAX_PATHS, MAX_PATH_LENGTH));
    return new ProgressReport(taskId, exposure, status, List.copyOf(paths), fields.instant("observed_at", false));
  }

  TaskProgress toTaskProgress(UUID nodeId, Instant receivedAt) {
    return new TaskProgress(nodeId, taskId, exposureDeliveredS, status, fitsPaths, receivedAt);
  }
}
