package org.openastro.cql.apikey;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;

/** The {@code api_keys} table: issue, look up, list and delete keys. */
public final class ApiKeyRepository {
  private static final String COLUMNS = "key_id, name, role, secret_hash, created_at, created_by";

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement find;
  private final PreparedStatement list;
  private final PreparedStatement delete;

  /** Prepares statements (blocks): build at start-up. */
  public ApiKeyRepository(CqlSession session) {
    this.session = session;
    this.insert = session.prepare("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)");
    this.find = session.prepare("SELECT " + COLUMNS + " FROM api_keys WHERE key_id = ?");
    this.list = session.prepare("SELECT " + COLUMNS + " FROM api_keys LIMIT ?");
    this.delete = session.prepare("DELETE FROM api_keys WHERE key_id = ?");
  }

  /** Stores a new key. Key ids are random 122-bit UUIDs minted here, so no LWT is needed. */
  public Future<ApiKeyRecord> insert(ApiKeyRecord key) {
    return VertxFutures.onCallerContext(session.executeAsync(insert.bind(key.keyId(), key.name(), key.role(),
            key.secretHash(), key.createdAt(), key.createdBy()).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> key);
  }

  public Future<Optional<ApiKeyRecord>> find(UUID keyId) {
    return VertxFutures.onCallerContext(session.executeAsync(find.bind(keyId)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> Optional.ofNullable(rs.one()).map(ApiKeyRepository::key));
  }

  /** Up to {@code limit} keys, in token order (the admin's overview; the table is small). */
  public Future<List<ApiKeyRecord>> list(int limit) {
    return VertxFutures.onCallerContext(session.executeAsync(list.bind(limit)))
        .compose(rs -> Rows.all(rs, ApiKeyRepository::key));
  }

  public Future<Void> delete(UUID keyId) {
    return VertxFutures.onCallerContext(session.executeAsync(delete.bind(keyId)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))).mapEmpty();
  }

  private static ApiKeyRecord key(Row row) {
    return new ApiKeyRecord(row.getUuid("key_id"), row.getString("name"), row.getString("role"),
        row.getString("secret_hash"), row.getInstant("created_at"), row.getString("created_by"));
  }
}
