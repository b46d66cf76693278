package org.openastro.cql.enrolment;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.VertxFutures;

/**
 * The {@code enrolment_tokens} table: issue a token (every cell with the token's TTL), look it up,
 * and spend it once with an LWT.
 */
public final class EnrolmentTokenRepository {
  private static final String COLUMNS = "token_id, token_hash, note, created_at, created_by, expires_at, used_at, used_by_node";

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement find;
  private final PreparedStatement spend;

  /** Prepares statements (blocks): build at start-up. */
  public EnrolmentTokenRepository(CqlSession session) {
    this.session = session;
    this.insert = session.prepare("INSERT INTO enrolment_tokens (token_id, token_hash, note, created_at, created_by,"
        + " expires_at) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?");
    this.find = session.prepare("SELECT " + COLUMNS + " FROM enrolment_tokens WHERE token_id = ?");
    // token_hash in the condition: a row that expired since it was read fails instead of being
    // recreated by the update (IF used_at = null alone holds for a missing row).
    this.spend = session.prepare("UPDATE enrolment_tokens USING TTL ? SET used_at = ?, used_by_node = ?"
        + " WHERE token_id = ? IF token_hash = ? AND used_at = null");
  }

  /** Stores a new token; it disappears {@code ttl} later. Ids are random UUIDs minted here: no LWT. */
  public Future<EnrolmentToken> insert(EnrolmentToken token, Duration ttl) {
    return VertxFutures.onCallerContext(session.executeAsync(insert.bind(token.tokenId(), token.tokenHash(),
            token.note(), token.createdAt(), token.createdBy(), token.expiresAt(), ttlSeconds(ttl))
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> token);
  }

  /** The token's row; {@code serial} reads through Paxos (after a lost {@link #spend}). */
  public Future<Optional<EnrolmentToken>> find(UUID tokenId, boolean serial) {
    return VertxFutures.onCallerContext(session.executeAsync(find.bind(tokenId)
            .setConsistencyLevel(serial ? ConsistencyLevel.LOCAL_SERIAL : ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> Optional.ofNullable(rs.one()).map(EnrolmentTokenRepository::token));
  }

  /**
   * Marks the token used by {@code nodeId}, once: true for the one caller that won, false when it
   * was already used (or is gone). The new cells live as long as the token's row ({@code expiresAt}).
   */
  public Future<Boolean> spend(EnrolmentToken token, UUID nodeId, Instant usedAt) {
    Duration left = Duration.between(usedAt, token.expiresAt());
    return VertxFutures.onCallerContext(session.executeAsync(spend.bind(ttlSeconds(left), usedAt, nodeId,
            token.tokenId(), token.tokenHash())
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
            .setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)))
        .map(rs -> rs.wasApplied());
  }

  private static int ttlSeconds(Duration ttl) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ttl.toMillis() + 999) / 1000));
  }

  private static EnrolmentToken token(Row row) {
    return new EnrolmentToken(row.getUuid("token_id"), row.getString("token_hash"), row.getString("note"),
        row.getInstant("created_at"), row.getString("created_by"), row.getInstant("expires_at"),
        row.getInstant("used_at"), row.getUuid("used_by_node"));
  }
}
