package org.openastro.gateway.http;

import io.vertx.core.json.JsonObject;

/**
 * An error answer of the HTTP API: {@code {"error": code, "message": ..., "field": ...}}, with
 * the HTTP status it is sent with. Codes are stable identifiers clients may switch on.
 */
record ApiError(int status, String code, String message, String field) {
  static ApiError invalidField(String field, String message) {
    return new ApiError(400, "invalid_field", message, field);
  }

  static ApiError missingField(String field) {
    return new ApiError(400, "missing_field", field + " is required", field);
  }

  static ApiError unknownField(String field) {
    return new ApiError(400, "unknown_field", field + " is not a field of this request", field);
  }

  static ApiError invalidJson(String detail) {
    return new ApiError(400, "invalid_json", "the body is not a JSON object: " + detail, null);
  }

  static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what + " does not exist", null);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("error", code).put("message", message);
    if (field != null) {
      json.put("field", field);
    }
    return json;
  }
}
