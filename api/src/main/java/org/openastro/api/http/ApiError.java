package org.openastro.api.http;

import io.vertx.core.json.JsonObject;

/**
 * An error answer of the HTTP API: {@code {"error": code, "message": ..., "field": ...}}, with
 * the HTTP status it is sent with. Codes are stable identifiers clients may switch on.
 *
 * @param details more members of the answer beside those three (null: none), for an API that
 *     speaks another protocol's error shape too: the LCO observation-portal routes put the portal's
 *     field-keyed error lists here, so one answer is both an {@code Error} and what a TOM parses
 */
public record ApiError(int status, String code, String message, String field, JsonObject details) {
  public ApiError(int status, String code, String message, String field) {
    this(status, code, message, field, null);
  }

  /** This error with {@code more} members in its answer (they never replace error, message, field). */
  public ApiError withDetails(JsonObject more) {
    return new ApiError(status, code, message, field, more);
  }

  public static ApiError invalidField(String field, String message) {
    return new ApiError(400, "invalid_field", message, field);
  }

  public static ApiError missingField(String field) {
    return new ApiError(400, "missing_field", field + " is required", field);
  }

  public static ApiError unknownField(String field) {
    return new ApiError(400, "unknown_field", field + " is not a field of this request", field);
  }

  public static ApiError invalidJson(String detail) {
    return new ApiError(400, "invalid_json", "the body is not a JSON object: " + detail, null);
  }

  public static ApiError conflict(String field, String message) {
    return new ApiError(409, "conflict", message, field);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what + " does not exist", null);
  }

  public JsonObject toJson() {
    JsonObject json = details == null ? new JsonObject() : details.copy();
    json.put("error", code).put("message", message);
    if (field != null) {
      json.put("field", field);
    }
    return json;
  }
}
