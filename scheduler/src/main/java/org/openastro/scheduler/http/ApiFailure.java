package org.openastro.scheduler.http;

import org.openastro.gateway.http.ApiError;
import org.openastro.gateway.http.ApiException;

/**
 * Short names for the API's errors, thrown from the scheduler's parsing code and answered (and
 * counted) by the HTTP server's one failure handler in the gateway.
 */
final class ApiFailure {
  private ApiFailure() {}

  static ApiException invalid(String field, String message) {
    return new ApiException(ApiError.invalidField(field, message));
  }

  static ApiException missing(String field) {
    return new ApiException(ApiError.missingField(field));
  }

  static ApiException unknown(String field) {
    return new ApiException(ApiError.unknownField(field));
  }

  static ApiException notFound(String what) {
    return new ApiException(ApiError.notFound(what));
  }
}
