package org.openastro.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A registered node: its index in the run, the id and secret the gateway gave it, where it stands. */
record NodeIdentity(int index, String nodeId, String secret, Site site) {
  /** The smallest aperture of a simulated node, and what the simulator's missions ask for. */
  static final int MIN_APERTURE_MM = 200;
  private static final String[] MOUNTS = {"EQ", "ALTAZ"};
  private static final String[] PROTOCOLS = {"INDI", "ASCOM_ALPACA"};

  /** The {@code POST /api/v1/nodes} body of node {@code index}: varied but every one takes any mission. */
  static JsonObject registration(int index, Site site) {
    return new JsonObject()
        .put("location", new JsonObject().put("lat", site.lat()).put("lon", site.lon()).put("elevation_m", site.elevationM()))
        .put("aperture_mm", MIN_APERTURE_MM + (index % 5) * 50)
        .put("fov_deg", 0.5 + (index % 4) * 0.25)
        .put("filters", new JsonArray().add("V").add("R"))
        .put("mount_type", MOUNTS[index % 2])
        .put("control_protocol", PROTOCOLS[(index / 2) % 2]);
  }
}
