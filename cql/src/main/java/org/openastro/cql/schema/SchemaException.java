package org.openastro.cql.schema;

/** The schema could not be applied; the message says what failed and what to do about it. */
public final class SchemaException extends RuntimeException {
  SchemaException(String message, Throwable cause) {
    super(message, cause);
  }

  SchemaException(String message) {
    super(message);
  }
}
