package org.openastro.alerts;

/**
 * An alert that cannot become a mission, with the reason: answered as HTTP 400
 * {@code {"error": code, "message", "field"}} and nothing is created.
 */
public final class AlertParseException extends RuntimeException {
  private final String code;
  private final String field;

  AlertParseException(String code, String field, String message) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
  }

  static AlertParseException missing(String field, String what) {
    return new AlertParseException("missing_field", field, field + " is required" + (what == null ? "" : ": " + what));
  }

  static AlertParseException invalid(String field, String message) {
    return new AlertParseException("invalid_field", field, message);
  }

  static AlertParseException unsupported(String message) {
    return new AlertParseException("unsupported_alert", null, message);
  }

  /**
   * The error code: {@code invalid_json}, {@code invalid_xml}, {@code missing_field},
   * {@code invalid_field} or {@code unsupported_alert}.
   */
  public String code() {
    return code;
  }

  /** The field (JSON name, VOEvent element or parameter) at fault; null when it is the whole body. */
  public String field() {
    return field;
  }
}
