package org.openastro.archive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.cql.testing.Await;

/** The embedded store on real files: kept only when whole and matching, nothing left otherwise. */
class LocalDirectoryContentStoreTest {
  @TempDir
  Path dir;
  Vertx vertx;
  LocalDirectoryContentStore store;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = new LocalDirectoryContentStore(vertx, dir.resolve("store"), Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  /** A paused stream of {@code content} read from a real source file, as a request body would be. */
  Future<ReadStream<Buffer>> body(byte[] content) throws Exception {
    Path source = Files.createTempFile(dir, "source", ".bin");
    Files.write(source, content);
    return vertx.fileSystem().open(source.toString(), new OpenOptions().setRead(true))
        .map(file -> {
          file.pause();
          file.setReadBufferSize(8192);
          return (ReadStream<Buffer>) file;
        });
  }

  Future<UploadResult> store(UUID id, byte[] content, String sha, long max) throws Exception {
    // started on a Vert.x context, as the routes do
    Future<ReadStream<Buffer>> body = body(content);
    return body.compose(b -> vertx.getOrCreateContext().<UploadResult>executeBlocking(() -> null)
        .compose(v -> store.store(id, b, sha, max)));
  }

  static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  List<Path> files() throws Exception {
    try (Stream<Path> walk = Files.walk(dir.resolve("store"))) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void keepsMatchingContentUnderItsKeyAndReadsItBack() throws Exception {
    UUID id = UUID.randomUUID();
    byte[] content = random(1_000_003);
    UploadResult result = Await.result(store(id, content, sha(content), 10_000_000));
    assertThat(result).isEqualTo(new UploadResult.Stored("artifacts/" + id, content.length, sha(content), false));
    assertThat(files()).containsExactly(store.pathOf(id));
    assertThat(Files.readAllBytes(store.pathOf(id))).isEqualTo(content);
    assertThat(Await.result(store.exists(id))).isTrue();

    Download download = Await.result(store.open(id)).orElseThrow();
    assertThat(download.length()).isEqualTo(content.length);
    Buffer read = Buffer.buffer();
    Future<Void> ended = Future.future(p -> {
      download.stream().handler(read::appendBuffer).endHandler(v -> p.complete()).exceptionHandler(p::fail);
      download.stream().resume();
    });
    Await.result(ended);
    Await.result(download.close());
    assertThat(read.getBytes()).isEqualTo(content);

    // the same content again: accepted, nothing changes
    UploadResult again = Await.result(store(id, content, sha(content), 10_000_000));
    assertThat(((UploadResult.Stored) again).alreadyStored()).isTrue();
    assertThat(files()).containsExactly(store.pathOf(id));
  }

  @Test
  void mismatchingContentLeavesNothing() throws Exception {
    UUID id = UUID.randomUUID();
    byte[] content = random(300_000);
    String wrong = sha(random(10));
    UploadResult result = Await.result(store(id, content, wrong, 10_000_000));
    assertThat(result).isEqualTo(new UploadResult.HashMismatch(sha(content), wrong, content.length));
    assertThat(files()).isEmpty();
    assertThat(Await.result(store.exists(id))).isFalse();
    assertThat(Await.result(store.open(id))).isEmpty();
  }

  @Test
  void stopsAtTheSizeLimitWhileStreamingAndLeavesNothing() throws Exception {
    UUID id = UUID.randomUUID();
    byte[] content = random(500_000);
    UploadResult result = Await.result(store(id, content, sha(content), 100_000));
    assertThat(result).isInstanceOf(UploadResult.TooLarge.class);
    assertThat(result.bytes()).isGreaterThan(100_000).isLessThan(content.length);
    assertThat(files()).isEmpty();
  }

  @Test
  void abandonsAStalledUploadAndLeavesNothing() throws Exception {
    UUID id = UUID.randomUUID();
    String emptySha = sha(new byte[0]);
    Future<UploadResult> result = vertx.getOrCreateContext().<Void>executeBlocking(() -> null)
        .compose(v -> store.store(id, new SilentStream(), emptySha, 1000));
    assertThatThrownBy(() -> Await.result(result)).isInstanceOf(UploadStalledException.class);
    assertThat(files()).isEmpty();
  }

  @Test
  void sweepRemovesStaleTempFilesOnly() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("store").resolve("tmp"));
    Path stale = Files.write(tmp.resolve(UUID.randomUUID() + ".x.part"), new byte[10]);
    Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    Path fresh = Files.write(tmp.resolve(UUID.randomUUID() + ".y.part"), new byte[10]);
    assertThat(Await.result(store.sweepTemp())).isEqualTo(1);
    assertThat(files()).containsExactly(fresh);
  }

  /** A body whose client connected and then sends nothing. */
  static final class SilentStream implements ReadStream<Buffer> {
    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
      return this;
    }
  }
}
