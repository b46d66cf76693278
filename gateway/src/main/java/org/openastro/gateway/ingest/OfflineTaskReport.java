package org.openastro.gateway.ingest;

import io.vertx.core.buffer.Buffer;
import java.util.Set;
import java.util.UUID;
import org.openastro.api.json.StrictJson;

/**
 * A task a node minted for work it did off-line, as it sends it over MQTT (topic
 * {@code .../offline-tasks}): the HTTP route's path parameter {@code task_id} travels in the payload.
 */
public record OfflineTaskReport(UUID taskId, OfflineTasks.Claim claim) {
  private static final Set<String> FIELDS = Set.of("task_id", "mission_id", "exposure_required_s", "started_at");

  public static OfflineTaskReport parse(Buffer payload, int maxBytes) {
    if (payload == null || payload.length() == 0) {
      throw new ReportException(ReportException.Code.INVALID_JSON, null,
          "an off-line task needs a JSON object with task_id, mission_id, exposure_required_s and started_at");
    }
    StrictJson fields = StrictJson.parse(payload, maxBytes, ReportException.JSON).onlyAllowed(FIELDS);
    return new OfflineTaskReport(fields.uuid("task_id", true), new OfflineTasks.Claim(fields.uuid("mission_id", true),
        fields.number("exposure_required_s", Double.MIN_VALUE, ProgressReport.MAX_EXPOSURE_S),
        fields.instant("started_at", true)));
  }
}
