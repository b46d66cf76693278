package org.openastro.gateway.http;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.UUID;
import org.openastro.api.json.JsonErrors;
import org.openastro.api.json.StrictJson;
import org.openastro.cql.node.Node;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;

/**
 * Maps the body of {@code POST /api/v1/nodes} to a new {@link Node}. The body was checked against
 * the OpenAPI document's {@code Registration} schema before the route ran (required fields,
 * ranges, enums, filter bounds, no unknown fields); nothing here is a rule of its own.
 */
final class NodeRegistration {
  /** Bayesian prior of a node without history: the midpoint, neither trusted nor distrusted. */
  static final double INITIAL_RELIABILITY = 0.5;

  private NodeRegistration() {}

  /**
   * The node to store. A new node is PARKED: it takes no work until it heartbeats ONLINE, so a
   * registration alone never makes the scheduler count on a telescope that is not there.
   */
  static Node parse(JsonObject body, Instant now) {
    StrictJson fields = StrictJson.of(body, JsonErrors.HTTP);
    UUID nodeId = fields.uuid("node_id", false);
    StrictJson location = fields.object("location");
    Double elevation = location.optionalNumber("elevation_m");
    return new Node(nodeId == null ? UUID.randomUUID() : nodeId, NodeStatus.PARKED,
        location.number("lat"), location.number("lon"), elevation == null ? 0.0 : elevation,
        fields.number("aperture_mm"), fields.number("fov_deg"), new LinkedHashSet<>(fields.strings("filters")),
        fields.enumValue("mount_type", MountType.class), fields.enumValue("control_protocol", ControlProtocol.class),
        INITIAL_RELIABILITY, null, null, now, now, NodeHorizon.parse(body));
  }
}
