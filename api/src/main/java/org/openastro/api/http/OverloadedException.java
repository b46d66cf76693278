package org.openastro.api.http;

/** The gateway has no room for this write now: answered 503 (HTTP) or "server busy" / dropped (MQTT). */
public final class OverloadedException extends RuntimeException {
  public OverloadedException(String message) {
    super(message, null, false, false);
  }
}
