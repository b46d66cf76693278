package org.openastro.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openastro.api.http.ApiException;
import org.openastro.cql.node.HorizonPoint;

/**
 * A node's {@code horizon} on the wire (issue 13): {@code [{"az_deg", "alt_deg"}, ...]}, the
 * lowest usable altitude by azimuth. Ranges, the count and unknown fields were checked by the
 * OpenAPI schema ({@code HorizonPoint}); the rule left here is one point per azimuth.
 */
final class NodeHorizon {
  private NodeHorizon() {}

  /** The points of {@code body.horizon}; empty when absent or null (no mask). */
  static List<HorizonPoint> parse(JsonObject body) {
    Object value = body.getValue("horizon");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw ApiException.invalid("horizon", "horizon must be an array of {az_deg, alt_deg}");
    }
    List<HorizonPoint> points = new ArrayList<>(array.size());
    Set<Double> azimuths = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject p)
          || !(p.getValue("az_deg") instanceof Number az) || !(p.getValue("alt_deg") instanceof Number alt)) {
        throw ApiException.invalid("horizon", "horizon[" + i + "] must be {az_deg, alt_deg} with numbers");
      }
      if (!azimuths.add(az.doubleValue())) {
        throw ApiException.invalid("horizon", "horizon has two points at az_deg " + az.doubleValue());
      }
      points.add(new HorizonPoint(az.doubleValue(), alt.doubleValue()));
    }
    return points;
  }

  static JsonArray json(List<HorizonPoint> horizon) {
    JsonArray out = new JsonArray();
    horizon.stream().sorted((a, b) -> Double.compare(a.azDeg(), b.azDeg()))
        .forEach(p -> out.add(new JsonObject().put("az_deg", p.azDeg()).put("alt_deg", p.altDeg())));
    return out;
  }
}
