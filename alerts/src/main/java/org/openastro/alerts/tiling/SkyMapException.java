package org.openastro.alerts.tiling;

/** A sky map that cannot be read, with what is wrong in words a notice's sender can act on. */
public final class SkyMapException extends RuntimeException {
  public SkyMapException(String message) {
    super(message, null, false, false);
  }
}
