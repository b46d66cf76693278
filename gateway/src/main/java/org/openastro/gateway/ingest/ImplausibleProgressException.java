package org.openastro.gateway.ingest;

/**
 * A progress report refused as implausible: it claims more exposure than the wall-clock time since
 * the task's window start (plus {@code PROGRESS_EXPOSURE_SLACK}) allows. HTTP answers 422 with
 * {@link #CODE}; MQTT 5 a PUBACK 0x83 with the message as reason string.
 */
public final class ImplausibleProgressException extends RuntimeException {
  public static final String CODE = "implausible_exposure";
  public static final String FIELD = "exposure_delivered_s";
  public static final int HTTP_STATUS = 422;

  public ImplausibleProgressException(String message) {
    super(message, null, false, false);
  }
}
