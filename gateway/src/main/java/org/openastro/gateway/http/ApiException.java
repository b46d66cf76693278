package org.openastro.gateway.http;

/** Carries an {@link ApiError} out of parsing code to the route's failure handler. */
final class ApiException extends RuntimeException {
  private final ApiError error;

  ApiException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  ApiError error() {
    return error;
  }
}
