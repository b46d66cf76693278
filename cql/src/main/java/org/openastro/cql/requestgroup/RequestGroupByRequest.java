package org.openastro.cql.requestgroup;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.VertxFutures;

/**
 * The {@code request_groups_by_request} table: which request group holds a request. The TOM
 * Toolkit knows a request by its id alone (it stores that id as the observation's id), so every
 * read starts here.
 */
public final class RequestGroupByRequest {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement find;

  /** Prepares statements (blocks): build at start-up. */
  public RequestGroupByRequest(CqlSession session) {
    this.session = session;
    this.insert = session.prepare("INSERT INTO request_groups_by_request (request_id, request_group_id, request_index)"
        + " VALUES (?, ?, ?)");
    this.find = session.prepare("SELECT request_group_id FROM request_groups_by_request WHERE request_id = ?");
  }

  /** The index rows of {@code group}, together (LOGGED: a group is found by all its requests or by none). */
  Statement<?> rowsOf(RequestGroup group) {
    BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
    for (int i = 0; i < group.requestIds().size(); i++) {
      batch.addStatement(insert.bind(group.requestIds().get(i), group.requestGroupId(), i));
    }
    return batch.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).build();
  }

  /** The group holding {@code requestId}, if any. */
  public Future<Optional<UUID>> groupOf(UUID requestId) {
    return VertxFutures.onCallerContext(session.executeAsync(find.bind(requestId)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> Optional.ofNullable(rs.one()).map(row -> row.getUuid("request_group_id")));
  }
}
