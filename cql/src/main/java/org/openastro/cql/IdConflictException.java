package org.openastro.cql;

import java.util.UUID;

/**
 * A client-minted id is already taken by different content. The same content under the same id
 * is an idempotent replay and never raises this.
 */
public final class IdConflictException extends RuntimeException {
  private final String field;
  private final UUID id;

  public IdConflictException(String field, UUID id) {
    super(field + " " + id + " already exists with different content");
    this.field = field;
    this.id = id;
  }

  /** The JSON name of the id field, e.g. {@code node_id}. */
  public String field() {
    return field;
  }

  public UUID id() {
    return id;
  }
}
