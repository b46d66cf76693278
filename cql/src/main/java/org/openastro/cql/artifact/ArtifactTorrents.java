package org.openastro.cql.artifact;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.VertxFutures;

/**
 * Torrents of artifacts, computed once and kept ({@code artifact_torrents}). Written with
 * {@code IF NOT EXISTS}: two gateways may build the same torrent at once, and both then serve
 * the one stored first (same info-hashes either way; the creation date would differ).
 */
public final class ArtifactTorrents {
  private final CqlSession session;
  private final PreparedStatement insertIfAbsent;
  private final PreparedStatement selectById;

  /** Prepares statements (blocks): build at start-up. */
  public ArtifactTorrents(CqlSession session) {
    this.session = session;
    this.insertIfAbsent = session.prepare("INSERT INTO artifact_torrents (artifact_id, info, piece_layers,"
        + " piece_length, info_hash_v1, info_hash_v2, content_length, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    this.selectById = session.prepare("SELECT * FROM artifact_torrents WHERE artifact_id = ?");
  }

  public Future<Optional<ArtifactTorrent>> find(UUID artifactId) {
    return VertxFutures.onCallerContext(session.executeAsync(selectById.bind(artifactId)))
        .map(AsyncResultSet::one)
        .map(row -> Optional.ofNullable(row).map(ArtifactTorrents::from));
  }

  /** Stores {@code t} unless a torrent of that artifact is stored; answers the stored one. */
  public Future<ArtifactTorrent> storeIfAbsent(ArtifactTorrent t) {
    return VertxFutures.onCallerContext(session.executeAsync(insertIfAbsent.bind(t.artifactId(),
            ByteBuffer.wrap(t.info()), ByteBuffer.wrap(t.pieceLayers()), t.pieceLength(), t.infoHashV1(),
            t.infoHashV2(), t.contentLength(), t.createdAt())))
        .map(rs -> rs.wasApplied() ? t : from(rs.one()));
  }

  static ArtifactTorrent from(Row row) {
    return new ArtifactTorrent(row.getUuid("artifact_id"), bytes(row.getByteBuffer("info")),
        bytes(row.getByteBuffer("piece_layers")), row.getLong("piece_length"), row.getString("info_hash_v1"),
        row.getString("info_hash_v2"), row.getLong("content_length"), row.getInstant("created_at"));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }
}
