package org.openastro.api.json;

import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;

/**
 * How one transport refuses what {@link StrictJson} cannot read: the reader finds the fault, the
 * transport decides what it is called on its wire (an HTTP {@link ApiError}, an MQTT reason code).
 */
public interface JsonErrors {
  /** HTTP: an {@link ApiException} with the API's error codes, answered by the failure handler. */
  JsonErrors HTTP = new JsonErrors() {
    @Override
    public RuntimeException notJson(String message) {
      return new ApiException(ApiError.invalidJson(message));
    }

    @Override
    public RuntimeException tooLarge(String message) {
      return new ApiException(new ApiError(413, "payload_too_large", message, null));
    }

    @Override
    public RuntimeException missing(String field) {
      return ApiException.missing(field);
    }

    @Override
    public RuntimeException unknown(String field) {
      return ApiException.unknown(field);
    }

    @Override
    public RuntimeException invalid(String field, String message) {
      return ApiException.invalid(field, message);
    }
  };

  /** The payload is not JSON, or not a JSON object; no field is at fault. */
  RuntimeException notJson(String message);

  /** The payload has more bytes than accepted. */
  RuntimeException tooLarge(String message);

  /** A required {@code field} (a dotted path) is absent or null. */
  RuntimeException missing(String field);

  /** {@code field} is not one the payload may have. */
  RuntimeException unknown(String field);

  /** {@code field} is present but wrong, as {@code message} (which names it) says. */
  RuntimeException invalid(String field, String message);
}
