package org.openastro.api.auth;

/** Authentication did not succeed, and why: the transports map this to CONNACK codes or HTTP statuses. */
public final class AuthException extends RuntimeException {
  public enum Reason {
    /** Missing, malformed or wrong credentials, or no such node: all look the same to the client. */
    BAD_CREDENTIALS,
    /** Too many verifications waiting: try again later. */
    BUSY
  }

  private final Reason reason;

  public AuthException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
