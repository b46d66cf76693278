package org.openastro.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one way a client-minted row is created: {@code INSERT ... IF NOT EXISTS}; when the row
 * already exists, its stored fingerprint tells a replay (answered with the stored row) from a
 * conflict ({@link IdConflictException}); then the index rows are written, on replays too, which
 * heals a crash between the main row and its indexes.
 *
 * @param <T> the row's record type
 */
public final class IdempotentCreate<T> {
  private final CqlSession session;
  private final String idField;
  private final String fingerprintColumn;
  private final Function<Row, T> fromRow;
  private final Function<T, Statement<?>> indexRows;

  /**
   * @param idField           JSON name of the id, named in conflicts (e.g. {@code node_id})
   * @param fingerprintColumn column holding the stored fingerprint
   * @param fromRow           maps the existing row the LWT returns when not applied
   * @param indexRows         the index writes for the stored value
   */
  public IdempotentCreate(CqlSession session, String idField, String fingerprintColumn,
      Function<Row, T> fromRow, Function<T, Statement<?>> indexRows) {
    this.session = session;
    this.idField = idField;
    this.fingerprintColumn = fingerprintColumn;
    this.fromRow = fromRow;
    this.indexRows = indexRows;
  }

  /** Runs {@code insertIfNotExists} for {@code value} (with {@code id} and {@code fingerprint}). */
  public Future<Created<T>> run(Statement<?> insertIfNotExists, T value, UUID id, String fingerprint) {
    return VertxFutures.onCallerContext(session.executeAsync(insertIfNotExists)).compose(rs -> {
      // wasApplied() must be read before the row is consumed
      boolean applied = rs.wasApplied();
      Row existing = applied ? null : rs.one();
      if (!applied && !fingerprint.equals(existing.getString(fingerprintColumn))) {
        return Future.failedFuture(new IdConflictException(idField, id));
      }
      T stored = applied ? value : fromRow.apply(existing);
      return VertxFutures.onCallerContext(session.executeAsync(indexRows.apply(stored)))
          .map(ignored -> new Created<>(stored, applied));
    });
  }
}
