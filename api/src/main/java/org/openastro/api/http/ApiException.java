package org.openastro.api.http;

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

  /** 400 {@code invalid_field}: {@code field} is present but wrong, as {@code message} says. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(ApiError.invalidField(field, message));
  }

  /** 400 {@code missing_field}. */
  public static ApiException missing(String field) {
    return new ApiException(ApiError.missingField(field));
  }

  /** 400 {@code unknown_field}: a misspelt field is refused, not ignored. */
  public static ApiException unknown(String field) {
    return new ApiException(ApiError.unknownField(field));
  }

  /** 404 {@code not_found}: {@code what} names the missing thing ("mission 1234..."). */
  public static ApiException notFound(String what) {
    return new ApiException(ApiError.notFound(what));
  }

  public ApiError error() {
    return error;
  }
}
