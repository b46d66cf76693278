package org.openastro.cql.requestgroup;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Created;
import org.openastro.cql.IdempotentCreate;
import org.openastro.cql.VertxFutures;

/**
 * The {@code request_groups} table: create a group once (idempotent, as every client-minted row)
 * and read it by id. Its index by request ({@link RequestGroupByRequest}) is written with it.
 */
public final class RequestGroupRepository {
  private static final String COLUMNS = "request_group_id, owner, name, proposal, operator, observation_type,"
      + " ipp_value, request_ids, submitted, created_at";

  private final CqlSession session;
  private final PreparedStatement insertIfAbsent;
  private final PreparedStatement find;
  private final IdempotentCreate<RequestGroup> create;

  /** Prepares statements (blocks): build at start-up. */
  public RequestGroupRepository(CqlSession session) {
    this.session = session;
    RequestGroupByRequest byRequest = new RequestGroupByRequest(session);
    this.insertIfAbsent = session.prepare("INSERT INTO request_groups (" + COLUMNS + ", creation_fingerprint)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    this.find = session.prepare("SELECT " + COLUMNS + " FROM request_groups WHERE request_group_id = ?");
    this.create = new IdempotentCreate<>(session, "request_group_id", "creation_fingerprint",
        RequestGroupRepository::from, byRequest::rowsOf);
  }

  /** Stores the group; the same id and content again is a replay, other content a conflict. */
  public Future<Created<RequestGroup>> create(RequestGroup g) {
    return create.run(insertIfAbsent.bind(g.requestGroupId(), g.owner(), g.name(), g.proposal(), g.operator(),
        g.observationType(), g.ippValue(), g.requestIds(), g.submitted(), g.createdAt(), g.creationFingerprint()),
        g, g.requestGroupId(), g.creationFingerprint());
  }

  public Future<Optional<RequestGroup>> find(UUID requestGroupId) {
    return VertxFutures.onCallerContext(session.executeAsync(find.bind(requestGroupId)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> Optional.ofNullable(rs.one()).map(RequestGroupRepository::from));
  }

  private static RequestGroup from(Row row) {
    return new RequestGroup(row.getUuid("request_group_id"), row.getString("owner"), row.getString("name"),
        row.getString("proposal"), row.getString("operator"), row.getString("observation_type"),
        row.getDouble("ipp_value"), row.getList("request_ids", UUID.class), row.getString("submitted"),
        row.getInstant("created_at"));
  }
}
