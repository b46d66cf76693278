package org.openastro.config;

/** A setting has a value that cannot be used; the message names the variable and what is wrong. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConfigException(String message) {
    super(message);
  }
}
