package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import io.vertx.core.Future;
import org.openastro.cql.VertxFutures;

/** Execution helpers: LOCAL_QUORUM everywhere (LWT reads use SERIAL by the driver's default). */
final class Statements {
  private Statements() {}

  static Future<AsyncResultSet> run(CqlSession session, BoundStatement statement) {
    return VertxFutures.onCallerContext(session.executeAsync(
        statement.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)));
  }

  /** A logged batch: the index rows of one transition land together or not at all. */
  static Future<Void> logged(CqlSession session, BoundStatement... statements) {
    BatchStatement batch = BatchStatement.builder(DefaultBatchType.LOGGED)
        .addStatements(statements)
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
        .build();
    return VertxFutures.onCallerContext(session.executeAsync(batch)).mapEmpty();
  }
}
