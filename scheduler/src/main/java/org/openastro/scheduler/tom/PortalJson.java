package org.openastro.scheduler.tom;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openastro.api.auth.Caller;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.requestgroup.RequestGroup;
import org.openastro.cql.task.Task;

/**
 * The portal's answers as JSON: request groups and requests (what was submitted, echoed, with id,
 * state and duration), observation blocks, validation results, instruments, telescope states and
 * the profile. Names are the portal's; a few OpenAstro additions are named in the README.
 */
final class PortalJson {
  /** Every node is one telescope in one enclosure of its own site (the node). */
  static final String ENCLOSURE = "doma";
  /** The one proposal offered by the profile; any proposal is taken (it grants no time here). */
  static final String PROPOSAL = "OPENASTRO";

  private PortalJson() {}

  /** A request group with its requests, in order; {@code missions} are its requests' missions, in the same order. */
  static JsonObject group(RequestGroup g, List<Mission> missions) {
    JsonArray submitted = new JsonObject(g.submitted()).getJsonArray("requests");
    JsonArray requests = new JsonArray();
    List<String> states = new ArrayList<>();
    for (int i = 0; i < missions.size(); i++) {
      requests.add(request(submitted.getJsonObject(i), missions.get(i)));
      states.add(PortalStates.request(missions.get(i).status()));
    }
    return new JsonObject()
        .put("id", g.requestGroupId().toString())
        .put("submitter", g.owner())
        .put("proposal", g.proposal())
        .put("name", g.name())
        .put("observation_type", g.observationType())
        .put("operator", g.operator())
        .put("ipp_value", g.ippValue())
        .put("state", PortalStates.group(g.operator(), states))
        .put("created", g.createdAt().toString())
        .put("modified", g.createdAt().toString())
        .put("requests", requests);
  }

  /** A request: as submitted, with its id (= the mission's), state and duration (exposure seconds). */
  static JsonObject request(JsonObject submitted, Mission m) {
    return submitted.copy()
        .put("id", m.missionId().toString())
        .put("state", PortalStates.request(m.status()))
        .put("duration", m.totalExposureRequiredS())
        .put("modified", m.createdAt().toString());
  }

  /** The request at {@code index} of {@code g}, as {@link #group} shows it. */
  static JsonObject request(RequestGroup g, int index, Mission m) {
    return request(new JsonObject(g.submitted()).getJsonArray("requests").getJsonObject(index), m);
  }

  /**
   * A task as an observation block: start and end are the task's window, the telescope its node
   * (site = the node's id; null while the task waits for one).
   */
  static JsonObject observation(Task t, Mission m, Node node) {
    return new JsonObject()
        .put("id", t.taskId().toString())
        .put("request", t.missionId().toString())
        .put("site", node == null ? (t.assignedNodeId() == null ? null : t.assignedNodeId().toString())
            : node.nodeId().toString())
        .put("enclosure", t.assignedNodeId() == null ? null : ENCLOSURE)
        .put("telescope", node == null ? null : TelescopeClass.ofAperture(node.apertureMm()).code())
        .put("start", text(t.windowStart()))
        .put("end", text(t.windowEnd()))
        .put("priority", m.priority())
        .put("state", PortalStates.observation(t.status()))
        .put("created", text(t.createdAt()))
        .put("modified", text(t.updatedAt()))
        .put("exposure_required_s", t.exposureRequiredS())
        .put("exposure_delivered_s", t.exposureDeliveredS())
        .put("configuration_statuses", new JsonArray());
  }

  /** {@code POST /api/requestgroups/validate/}: durations when valid, else the errors. */
  static JsonObject validation(RequestGroupMapping.Mapped mapped) {
    JsonObject durations = new JsonObject();
    if (mapped.valid()) {
      JsonArray requests = new JsonArray();
      double total = 0;
      for (RequestMapping.Mapped r : mapped.requests()) {
        JsonArray configurations = new JsonArray();
        for (List<Double> ics : r.configurations()) {
          JsonArray icDurations = new JsonArray();
          ics.forEach(d -> icDurations.add(new JsonObject().put("duration", d)));
          configurations.add(new JsonObject().put("duration", ics.stream().mapToDouble(Double::doubleValue).sum())
              .put("instrument_configs", icDurations));
        }
        requests.add(new JsonObject().put("duration", r.durationS()).put("configurations", configurations));
        total += r.durationS();
      }
      durations.put("duration", total).put("requests", requests);
    }
    return new JsonObject().put("request_durations", durations).put("errors", new JsonObject(mapped.errors().tree()));
  }

  /** The fleet's classes as the portal's instruments, keyed by instrument type. */
  static JsonObject instruments(Collection<InstrumentClasses.Summary> classes) {
    JsonObject out = new JsonObject();
    for (InstrumentClasses.Summary s : classes) {
      JsonArray filters = new JsonArray();
      boolean first = true;
      for (String f : s.filters()) {
        filters.add(new JsonObject().put("name", f).put("code", f).put("schedulable", true).put("default", first));
        first = false;
      }
      TelescopeClass c = s.telescopeClass();
      out.put(c.instrumentType(), new JsonObject()
          .put("type", "IMAGE")
          .put("class", c.code())
          .put("name", c.tenths() / 10.0 + " m class imager (" + s.telescopes() + " telescope"
              + (s.telescopes() == 1 ? "" : "s") + ")")
          .put("optical_elements", new JsonObject().put("filters", filters))
          .put("modes", new JsonObject().put("readout", new JsonObject().put("type", "readout")
              .put("default", "default").put("modes", new JsonArray().add(new JsonObject().put("name", "Default")
                  .put("code", "default").put("overhead", 0.0).put("schedulable", true)
                  .put("validation_schema", new JsonObject())))))
          .put("configuration_types", new JsonObject().put("EXPOSE", new JsonObject().put("name", "Exposure")
              .put("code", "EXPOSE").put("schedulable", true)))
          .put("default_configuration_type", "EXPOSE")
          .put("default_acceptability_threshold", 100.0)
          .put("camera_type", new JsonObject().put("science_field_of_view", s.minFovDeg() * 60)));
    }
    return out;
  }

  /** Each node as a telescope with its current state event (since its last status change). */
  static JsonObject telescopeStates(Collection<Node> nodes, Instant now) {
    JsonObject out = new JsonObject();
    for (Node n : nodes) {
      String key = InstrumentClasses.telescopeKey(n);
      PortalStates.TelescopeEvent e = PortalStates.telescope(n.status());
      out.put(key, new JsonArray().add(new JsonObject()
          .put("telescope", key)
          .put("event_type", e.type())
          .put("event_reason", e.reason())
          .put("start", text(n.statusChangedAt()))
          .put("end", now.toString())
          .put("instrument_types", new JsonArray().add(TelescopeClass.ofAperture(n.apertureMm()).instrumentType()))));
    }
    return out;
  }

  /** The caller's profile: its name and the one proposal offered. */
  static JsonObject profile(Caller caller) {
    return new JsonObject()
        .put("username", caller.principal())
        .put("email", "")
        .put("is_staff", caller.admin())
        .put("proposals", new JsonArray().add(new JsonObject().put("id", PROPOSAL)
            .put("title", "OpenAstro network").put("current", true)))
        .put("profile", new JsonObject().put("role", caller.role().name()));
  }

  /** A body as plain maps and lists (what the pure mapping reads), whatever built it. */
  static Map<String, Object> plain(JsonObject json) {
    Map<String, Object> out = new LinkedHashMap<>();
    json.forEach(e -> out.put(e.getKey(), plain(e.getValue())));
    return out;
  }

  private static Object plain(Object v) {
    if (v instanceof JsonObject o) {
      return plain(o);
    }
    if (v instanceof JsonArray a) {
      List<Object> out = new ArrayList<>();
      a.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v;
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }
}
