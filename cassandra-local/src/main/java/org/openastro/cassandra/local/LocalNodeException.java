package org.openastro.cassandra.local;

/**
 * A local Cassandra node could not be started or stopped. The message says what to do about it
 * and, when a child JVM was launched, names its log file and quotes its last lines.
 */
public class LocalNodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LocalNodeException(String message) {
    super(message);
  }

  public LocalNodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
