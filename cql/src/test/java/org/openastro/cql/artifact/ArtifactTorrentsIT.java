package org.openastro.cql.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** Torrents stored once: the first of two gateways racing on one artifact wins, both serve its row. */
@ExtendWith(CassandraExtension.class)
class ArtifactTorrentsIT {
  static TestKeyspace keyspace;
  static ArtifactTorrents torrents;

  @BeforeAll
  static void schema(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    torrents = new ArtifactTorrents(keyspace.session());
  }

  @AfterAll
  static void drop() {
    keyspace.close();
  }

  static ArtifactTorrent torrent(UUID id, Instant createdAt) {
    return new ArtifactTorrent(id, "d4:name1:xe".getBytes(), "de".getBytes(), 65536, "1".repeat(40), "2".repeat(64),
        123_456, createdAt);
  }

  @Test
  void theFirstStoredIsKeptAndAnsweredToTheSecond() {
    UUID id = UUID.randomUUID();
    assertThat(Await.result(torrents.find(id))).isEmpty();
    Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ArtifactTorrent stored = Await.result(torrents.storeIfAbsent(torrent(id, first)));
    assertThat(stored.createdAt()).isEqualTo(first);

    ArtifactTorrent raced = Await.result(torrents.storeIfAbsent(torrent(id, first.plusSeconds(60))));
    assertThat(raced.createdAt()).as("the row stored first").isEqualTo(first);
    ArtifactTorrent read = Await.result(torrents.find(id)).orElseThrow();
    assertThat(read.createdAt()).isEqualTo(first);
    assertThat(read.info()).isEqualTo("d4:name1:xe".getBytes());
    assertThat(read.pieceLayers()).isEqualTo("de".getBytes());
    assertThat(read.pieceLength()).isEqualTo(65536);
    assertThat(read.infoHashV2()).isEqualTo("2".repeat(64));
    assertThat(read.contentLength()).isEqualTo(123_456);
  }
}
