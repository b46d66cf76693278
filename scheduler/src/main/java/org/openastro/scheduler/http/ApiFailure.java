package org.openastro.scheduler.http;

import io.vertx.core.json.JsonObject;

/**
 * An error answer in the API's one shape, {@code {"error", "message", "field"}} — the same as
 * the gateway's routes (whose classes are package-private there). Thrown from parsing code; the
 * route answers it (see {@link Replies#fail}).
 */
final class ApiFailure extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  ApiFailure(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  static ApiFailure invalid(String field, String message) {
    return new ApiFailure(400, "invalid_field", message, field);
  }

  static ApiFailure missing(String field) {
    return new ApiFailure(400, "missing_field", field + " is required", field);
  }

  static ApiFailure notFound(String what) {
    return new ApiFailure(404, "not_found", what + " does not exist", null);
  }

  int status() {
    return status;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("error", code).put("message", getMessage());
    if (field != null) {
      json.put("field", field);
    }
    return json;
  }
}
