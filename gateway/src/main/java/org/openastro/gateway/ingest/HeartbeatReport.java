package org.openastro.gateway.ingest;

import io.vertx.core.buffer.Buffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.openastro.api.json.StrictJson;
import org.openastro.domain.NodeStatus;

/**
 * A heartbeat's content. An empty payload is a complete heartbeat meaning "alive, nothing
 * changed". {@code status} null = unchanged; {@code currentTaskGiven} tells "current_task_id": null
 * (the node is idle now) from an absent field (unchanged).
 */
public record HeartbeatReport(NodeStatus status, boolean currentTaskGiven, UUID currentTaskId, String telemetry) {
  public static final HeartbeatReport ALIVE = new HeartbeatReport(null, false, null, null);

  /** A node reports only these; FAULTED is the scheduler's verdict, never the node's own. */
  static final Set<NodeStatus> REPORTABLE = EnumSet.of(NodeStatus.ONLINE, NodeStatus.BUSY, NodeStatus.PARKED);
  private static final Set<String> FIELDS = Set.of("status", "current_task_id", "telemetry");

  public static HeartbeatReport parse(Buffer payload, int maxBytes) {
    if (payload == null || payload.length() == 0) {
      return ALIVE;
    }
    StrictJson fields = StrictJson.parse(payload, maxBytes, ReportException.JSON).onlyAllowed(FIELDS);
    NodeStatus status = fields.enumValue("status", REPORTABLE, false);
    boolean taskGiven = fields.has("current_task_id");
    UUID task = fields.uuid("current_task_id", false);
    return new HeartbeatReport(status, taskGiven, task, fields.objectText("telemetry"));
  }
}
