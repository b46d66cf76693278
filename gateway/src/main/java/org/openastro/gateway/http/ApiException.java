package org.openastro.gateway.http;

/**
 * Carries an {@link ApiError} out of parsing code to the HTTP server's failure handler, which
 * answers it and counts it; route groups of other modules throw it too.
 */
public final class ApiException extends RuntimeException {
  private final ApiError error;

  public ApiException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
