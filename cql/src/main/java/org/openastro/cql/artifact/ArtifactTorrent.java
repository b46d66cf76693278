package org.openastro.cql.artifact;

import java.time.Instant;
import java.util.UUID;

/**
 * The stored torrent of an artifact ({@code artifact_torrents}): the bencoded info dictionary and
 * piece layers, as computed once from the content, and what identifies them.
 */
public record ArtifactTorrent(UUID artifactId, byte[] info, byte[] pieceLayers, long pieceLength,
    String infoHashV1, String infoHashV2, long contentLength, Instant createdAt) {}
