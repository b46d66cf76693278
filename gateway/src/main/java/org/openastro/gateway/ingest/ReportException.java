package org.openastro.gateway.ingest;

/**
 * A report (heartbeat or progress) the gateway refuses, with a stable code, the field at fault
 * (when one is) and a message saying what is wrong. HTTP turns it into a 4xx JSON error, MQTT 5
 * into a PUBACK reason code with the message as reason string.
 */
public final class ReportException extends RuntimeException {
  /** Stable error codes; HTTP status and MQTT 5 reason code follow from the code. */
  public enum Code {
    INVALID_JSON(400), MISSING_FIELD(400), INVALID_FIELD(400), UNKNOWN_FIELD(400),
    PAYLOAD_TOO_LARGE(413), UNKNOWN_TASK(404), TASK_NOT_ASSIGNED(409), TASK_CLOSED(409),
    NOT_AUTHORIZED(403);

    private final int httpStatus;

    Code(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }

    /** The wire form: lower snake case, as in the HTTP API's other errors. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Code code;
  private final String field;

  public ReportException(Code code, String field, String message) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
  }

  public Code code() {
    return code;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}
