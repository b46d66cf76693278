package org.openastro.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.TreeSet;
import org.openastro.cql.node.Node;

/** A node as the API shows it (DESIGN.md "On the wire"); the secret hash never leaves the server. */
final class NodeJson {
  private NodeJson() {}

  static JsonObject of(Node node, Instant lastHeartbeat) {
    return new JsonObject()
        .put("node_id", node.nodeId().toString())
        .put("status", node.status().name())
        .put("last_heartbeat", lastHeartbeat == null ? null : lastHeartbeat.toString())
        .put("location", new JsonObject()
            .put("lat", node.lat())
            .put("lon", node.lon())
            .put("elevation_m", node.elevationM()))
        .put("aperture_mm", node.apertureMm())
        .put("fov_deg", node.fovDeg())
        .put("filters", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(node.filters()))))
        .put("mount_type", node.mountType().name())
        .put("control_protocol", node.controlProtocol().name())
        .put("reliability_score", node.reliabilityScore())
        .put("current_task_id", node.currentTaskId() == null ? null : node.currentTaskId().toString())
        .put("registered_at", node.registeredAt() == null ? null : node.registeredAt().toString())
        .put("horizon", NodeHorizon.json(node.horizon()));
  }
}
