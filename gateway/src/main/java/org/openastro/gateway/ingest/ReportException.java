package org.openastro.gateway.ingest;

import java.util.Locale;
import org.openastro.api.json.JsonErrors;

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
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How {@link org.openastro.api.json.StrictJson} refuses a report: with the report's codes. */
  public static final JsonErrors JSON = new JsonErrors() {
    @Override
    public RuntimeException notJson(String message) {
      return new ReportException(Code.INVALID_JSON, null, message);
    }

    @Override
    public RuntimeException tooLarge(String message) {
      return new ReportException(Code.PAYLOAD_TOO_LARGE, null, message);
    }

    @Override
    public RuntimeException missing(String field) {
      return new ReportException(Code.MISSING_FIELD, field, field + " is required");
    }

    @Override
    public RuntimeException unknown(String field) {
      return new ReportException(Code.UNKNOWN_FIELD, field, field + " is not a field of this report");
    }

    @Override
    public RuntimeException invalid(String field, String message) {
      return new ReportException(Code.INVALID_FIELD, field, message);
    }
  };

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
