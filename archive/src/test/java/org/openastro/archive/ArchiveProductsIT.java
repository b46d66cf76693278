package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.archive.store.S3ContentStore;
import org.openastro.archive.store.S3ProxyServer;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.artifact.Artifact;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.ArtifactType;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The narrow interface a pipeline uses ({@link org.openastro.api.products.ProductArchive}) on the
 * S3 store against a real S3 API server: a product larger than a part is published (registered,
 * then uploaded as a multipart upload) and fetched back byte for byte; publishing again is a
 * replay; other content under its id is refused; a wrong digest keeps nothing.
 */
@ExtendWith({CassandraExtension.class, S3ProxyServer.class})
class ArchiveProductsIT {
  static Vertx vertx;
  static S3ContentStore store;
  static ArchiveProducts products;

  @TempDir
  Path dir;

  @BeforeAll
  static void start(CassandraTestNode node, S3ProxyServer s3) {
    vertx = Vertx.vertx();
    store = new S3ContentStore(vertx, s3.newBucket(5 << 20), Duration.ofSeconds(30));
    products = new ArchiveProducts(vertx, store, new ArtifactRepository(TestKeyspace.shared(node).session()));
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      // one after the other: a future chained on the store's context could not complete once Vert.x closed it
      Await.result(store.close());
      Await.result(vertx.close());
    }
  }

  @Test
  void aPublishedProductIsRegisteredStoredAndFetchedBackWhole() throws Exception {
    byte[] content = new byte[(6 << 20) + 123];
    new Random(18).nextBytes(content);
    Path file = dir.resolve("stack.fits");
    Files.write(file, content);
    Artifact product = product(UUID.randomUUID(), sha256(content));

    Artifact published = Await.result(products.publish(product, file));
    assertThat(published.objectStoragePath()).isEqualTo("artifacts/" + product.artifactId());
    assertThat(published.sha256()).isEqualTo(product.sha256());
    assertThat(Await.result(products.stored(product.artifactId()))).isTrue();
    Path back = dir.resolve("back.fits");
    assertThat(Await.result(products.fetch(product.artifactId(), back))).isTrue();
    assertThat(Files.readAllBytes(back)).isEqualTo(content);

    // a rerun: the same registration, the content not sent again
    assertThat(Await.result(products.publish(product, file)).artifactId()).isEqualTo(product.artifactId());
    // other content under the same id
    Files.write(file, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Await.result(products.publish(product(product.artifactId(),
        sha256(new byte[] {1, 2, 3})), file))).isInstanceOf(IdConflictException.class);
  }

  @Test
  void contentThatIsNotTheRegisteredDigestIsNotKeptAndUnknownContentIsNotFetched() throws Exception {
    Path file = dir.resolve("frame.fits");
    Files.write(file, new byte[] {9, 9, 9});
    Artifact product = product(UUID.randomUUID(), sha256(new byte[] {1}));
    assertThatThrownBy(() -> Await.result(products.publish(product, file))).hasMessageContaining("not kept");
    assertThat(Await.result(products.stored(product.artifactId()))).isFalse();
    Path target = dir.resolve("none.fits");
    assertThat(Await.result(products.fetch(UUID.randomUUID(), target))).isFalse();
    assertThat(target).doesNotExist();
  }

  private static Artifact product(UUID id, String sha) {
    return new Artifact(id, UUID.randomUUID(), null, ArtifactType.STACKED_FITS, null, sha,
        Instant.now().truncatedTo(ChronoUnit.MILLIS), null, Set.of(UUID.randomUUID()), "stacker");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
