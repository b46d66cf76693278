package org.openastro.gateway.http;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.node.Node;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;

/** Parses and validates the body of {@code POST /api/v1/nodes} into a new {@link Node}. */
final class NodeRegistration {
  /** Bayesian prior of a node without history: the midpoint, neither trusted nor distrusted. */
  static final double INITIAL_RELIABILITY = 0.5;
  static final int MAX_FILTERS = 32;
  static final int MAX_FILTER_NAME = 32;

  private static final Set<String> FIELDS = Set.of("node_id", "location", "aperture_mm", "fov_deg",
      "filters", "mount_type", "control_protocol");
  private static final Set<String> LOCATION_FIELDS = Set.of("lat", "lon", "elevation_m");

  private NodeRegistration() {}

  /**
   * The node to store. A new node is PARKED: it takes no work until it heartbeats ONLINE, so a
   * registration alone never makes the scheduler count on a telescope that is not there.
   */
  static Node parse(JsonObject body, Instant now) {
    JsonFields fields = new JsonFields(body, "").onlyAllowed(FIELDS);
    UUID nodeId = fields.optionalUuid("node_id");
    JsonFields location = fields.object("location").onlyAllowed(LOCATION_FIELDS);
    double lat = location.number("lat", -90, 90);
    double lon = location.number("lon", -180, 180);
    Double elevation = location.optionalNumber("elevation_m", -500, 9000);
    double aperture = fields.positive("aperture_mm", 50_000);
    double fov = fields.positive("fov_deg", 180);
    Set<String> filters = fields.optionalStrings("filters", MAX_FILTERS, MAX_FILTER_NAME);
    MountType mount = fields.enumValue("mount_type", MountType.class);
    ControlProtocol protocol = fields.enumValue("control_protocol", ControlProtocol.class);
    return new Node(nodeId == null ? UUID.randomUUID() : nodeId, NodeStatus.PARKED, lat, lon,
        elevation == null ? 0.0 : elevation, aperture, fov, filters, mount, protocol,
        INITIAL_RELIABILITY, null, null, now, now);
  }
}
