package org.openastro.cql.node;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.util.UUID;
import org.openastro.cql.VertxFutures;

/** Rotation of a node's secret hash (the secret itself is never stored). */
public final class NodeSecrets {
  private final CqlSession session;
  private final PreparedStatement rotate;

  /** Prepares statements (blocks): build at start-up. */
  public NodeSecrets(CqlSession session) {
    this.session = session;
    // LWT: two rotations with the same old secret race; exactly one wins, the other learns it lost.
    this.rotate = session.prepare("UPDATE nodes SET secret_hash = ? WHERE node_id = ? IF secret_hash = ?");
  }

  /** Replaces {@code expectedHash} by {@code newHash}; false when the stored hash was another. */
  public Future<Boolean> rotate(UUID nodeId, String expectedHash, String newHash) {
    return VertxFutures.onCallerContext(session.executeAsync(rotate.bind(newHash, nodeId, expectedHash)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .map(rs -> rs.wasApplied());
  }
}
