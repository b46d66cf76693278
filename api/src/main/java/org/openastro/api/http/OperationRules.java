package org.openastro.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the validator needs to know of one documented operation beyond what vertx-openapi checks:
 * the body's declared content types, whether a body is required, whether it is streamed (never
 * buffered nor read by validation), whether a node secret guards it, and an extra counter for its
 * refusals. Taken from the document as written.
 *
 * @param mediaTypes declared request body content types, lower case; empty when no body is documented
 * @param rejectionMetric counter name and tag key from {@code x-openastro-rejection-metric}, or null
 */
record OperationRules(String operationId, String method, String path, Set<String> mediaTypes,
    boolean bodyRequired, boolean streamed, boolean nodeSecret, RejectionMetric rejectionMetric) {
  static final String STREAMED = "x-openastro-streamed";
  static final String REJECTION_METRIC = "x-openastro-rejection-metric";
  static final String NODE_SECRET_SCHEME = "nodeSecret";
  /** RFC 9110 8.3: a body without a content type may be taken as octet-stream. */
  static final String OCTET_STREAM = "application/octet-stream";

  record RejectionMetric(String name, String tag) {}

  /** The content type this operation takes for {@code contentType} (a header value), or null when none. */
  String accepted(String contentType) {
    String type = contentType == null ? OCTET_STREAM
        : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaTypes.contains(type) ? type : null;
  }

  /** Every operation of the document, by operationId. */
  static Map<String, OperationRules> of(JsonObject document) {
    Map<String, OperationRules> out = new HashMap<>();
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!ApiContract.METHODS.contains(method)) {
          continue;
        }
        JsonObject op = item.getJsonObject(method);
        String id = op.getString("operationId");
        if (id == null || out.containsKey(id)) {
          throw new IllegalArgumentException("every operation needs a unique operationId: " + method + " " + path);
        }
        out.put(id, rules(id, method.toUpperCase(Locale.ROOT), path, op));
      }
    }
    return out;
  }

  private static OperationRules rules(String id, String method, String path, JsonObject op) {
    JsonObject body = op.getJsonObject("requestBody");
    Set<String> types = new LinkedHashSet<>();
    if (body != null) {
      if (body.containsKey("$ref")) {
        throw new IllegalArgumentException(id + ": write the requestBody inline, not as a $ref");
      }
      body.getJsonObject("content", new JsonObject()).fieldNames()
          .forEach(t -> types.add(t.toLowerCase(Locale.ROOT)));
    }
    boolean nodeSecret = false;
    JsonArray security = op.getJsonArray("security", new JsonArray());
    for (Object requirement : security) {
      nodeSecret |= requirement instanceof JsonObject r && r.containsKey(NODE_SECRET_SCHEME);
    }
    JsonObject metric = op.getJsonObject(REJECTION_METRIC);
    return new OperationRules(id, method, path, Set.copyOf(types), body != null && body.getBoolean("required", false),
        op.getBoolean(STREAMED, false), nodeSecret,
        metric == null ? null : new RejectionMetric(metric.getString("name"), metric.getString("tag")));
  }

  /**
   * A copy of {@code document} vertx-openapi can load and that never makes it read a body it must
   * not: streamed bodies are removed, and body types it cannot parse are removed (the body then
   * becomes optional there; its presence and type are checked from these rules instead), from
   * requests and (never validated) responses alike.
   */
  @SuppressWarnings("unchecked")
  static JsonObject withoutUnreadableBodies(JsonObject document, Map<String, OperationRules> rules) {
    JsonObject copy = document.copy();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!ApiContract.METHODS.contains(method)) {
          continue;
        }
        JsonObject op = item.getJsonObject(method);
        // responses are not validated; the library refuses to load types it cannot parse (YAML)
        for (Object response : op.getJsonObject("responses", new JsonObject()).getMap().values()) {
          if (response instanceof java.util.Map<?, ?> || response instanceof JsonObject) {
            JsonObject r = response instanceof JsonObject j ? j : new JsonObject((java.util.Map<String, Object>) response);
            JsonObject content = r.getJsonObject("content");
            if (content != null) {
              content.fieldNames().removeIf(type -> !ApiContract.readable(type));
            }
          }
        }
        JsonObject body = op.getJsonObject("requestBody");
        if (body == null) {
          continue;
        }
        if (rules.get(op.getString("operationId")).streamed()) {
          op.remove("requestBody");
          continue;
        }
        JsonObject content = body.getJsonObject("content");
        boolean removed = content.fieldNames().removeIf(type -> !ApiContract.readable(type));
        if (removed) {
          body.put("required", false);
        }
        if (content.isEmpty()) {
          op.remove("requestBody");
        }
      }
    }
    return copy;
  }
}
