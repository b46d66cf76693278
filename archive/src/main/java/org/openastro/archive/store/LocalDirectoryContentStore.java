package org.openastro.archive.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artifact content as files under one directory: {@code <root>/<first two hex digits>/<id>}
 * (the fan-out keeps directories small), written first to {@code <root>/tmp/} and moved into
 * place by an atomic rename once the hash matched and the bytes are on disk (fsync). A crash
 * therefore never leaves a partial file under a final name; at worst a temp file, which
 * {@link #sweepTemp} removes. All file work runs on Vert.x's file system (worker threads).
 */
public final class LocalDirectoryContentStore implements ContentStore {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDirectoryContentStore.class);
  static final String KEY_PREFIX = "artifacts/";

  private final Vertx vertx;
  private final Path root;
  private final Path tmp;
  private final Duration idleTimeout;

  /**
   * @param root        the store's directory (created when missing)
   * @param idleTimeout an upload that sends nothing for this long is abandoned
   */
  public LocalDirectoryContentStore(Vertx vertx, Path root, Duration idleTimeout) {
    this.vertx = vertx;
    this.root = root.toAbsolutePath();
    this.tmp = this.root.resolve("tmp");
    this.idleTimeout = idleTimeout;
  }

  @Override
  public String keyOf(UUID artifactId) {
    return KEY_PREFIX + artifactId;
  }

  Path pathOf(UUID artifactId) {
    String id = artifactId.toString();
    return root.resolve(id.substring(0, 2)).resolve(id);
  }

  @Override
  public Future<UploadResult> store(UUID artifactId, ReadStream<Buffer> body, String expectedSha256, long maxBytes) {
    FileSystem fs = vertx.fileSystem();
    Path part = tmp.resolve(artifactId + "." + UUID.randomUUID() + ".part");
    return fs.mkdirs(tmp.toString())
        .compose(v -> fs.open(part.toString(), new OpenOptions().setWrite(true).setCreateNew(true)))
        .compose(file -> new UploadPump(vertx, body, file, maxBytes, idleTimeout).run()
            .recover(t -> discard(file, part).compose(v -> Future.failedFuture(t)))
            .compose(pumped -> {
              if (pumped.tooLarge()) {
                return discard(file, part).map(new UploadResult.TooLarge(maxBytes, pumped.bytes()));
              }
              if (!pumped.sha256().equals(expectedSha256)) {
                return delete(part).map(new UploadResult.HashMismatch(pumped.sha256(), expectedSha256, pumped.bytes()));
              }
              return keep(artifactId, part, pumped);
            }));
  }

  private Future<UploadResult> keep(UUID artifactId, Path part, UploadPump.Pumped pumped) {
    FileSystem fs = vertx.fileSystem();
    Path target = pathOf(artifactId);
    return fs.exists(target.toString()).compose(exists -> {
      if (exists) {
        // Verified content is immutable: a target already present holds these very bytes.
        return delete(part).map(new UploadResult.Stored(keyOf(artifactId), pumped.bytes(), pumped.sha256(), true));
      }
      return vertx.executeBlocking(() -> {
            // On disk before the rename makes it visible: a crash must not publish a torn file.
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
              channel.force(true);
            }
            return null;
          }, false)
          .compose(v -> fs.mkdirs(target.getParent().toString()))
          .compose(v -> fs.move(part.toString(), target.toString(),
              new CopyOptions().setAtomicMove(true).setReplaceExisting(true)))
          .recover(t -> delete(part).compose(v -> Future.failedFuture(t)))
          .map(new UploadResult.Stored(keyOf(artifactId), pumped.bytes(), pumped.sha256(), false));
    });
  }

  /** Closes (waiting for queued writes) and deletes a temp file that must not be kept. */
  private Future<Void> discard(AsyncFile file, Path part) {
    return file.close().otherwiseEmpty().compose(v -> delete(part));
  }

  private Future<Void> delete(Path part) {
    return vertx.fileSystem().delete(part.toString()).recover(t -> {
      if (t instanceof NoSuchFileException || t.getCause() instanceof NoSuchFileException) {
        return Future.succeededFuture();
      }
      LOG.warn("Could not delete temp upload {}", part, t);
      return Future.failedFuture(t);
    });
  }

  @Override
  public Future<Optional<Download>> open(UUID artifactId) {
    return open(artifactId, 0, -1);
  }

  @Override
  public Future<Optional<Download>> open(UUID artifactId, long offset, long length) {
    String path = pathOf(artifactId).toString();
    FileSystem fs = vertx.fileSystem();
    return fs.exists(path).compose(exists -> {
      if (!exists) {
        return Future.succeededFuture(Optional.empty());
      }
      return fs.open(path, new OpenOptions().setRead(true).setWrite(false).setCreate(false))
          .compose(file -> file.size().<Optional<Download>>map(size -> {
            file.pause();
            if (length < 0) {
              return Optional.of(new FileDownload(file, size));
            }
            if (offset < 0 || offset + length > size) {
              throw new IllegalArgumentException("bytes " + offset + "+" + length + " of " + size);
            }
            file.setReadPos(offset).setReadLength(length);
            return Optional.of(new FileDownload(file, length));
          }).recover(t -> file.close().otherwiseEmpty().compose(v -> Future.failedFuture(t))));
    });
  }

  @Override
  public Future<OptionalLong> length(UUID artifactId) {
    String path = pathOf(artifactId).toString();
    FileSystem fs = vertx.fileSystem();
    return fs.exists(path).compose(exists -> !exists ? Future.succeededFuture(OptionalLong.empty())
        : fs.props(path).map(props -> OptionalLong.of(props.size())));
  }

  @Override
  public Future<Boolean> exists(UUID artifactId) {
    return vertx.fileSystem().exists(pathOf(artifactId).toString());
  }

  /**
   * Deletes temp files left by a crash or a killed process: those untouched for more than twice
   * the idle timeout. An upload in progress writes its temp file at least that often (or is
   * abandoned), so this is safe to run at any time, also while uploads are taken.
   */
  public Future<Integer> sweepTemp() {
    FileSystem fs = vertx.fileSystem();
    long cutoff = System.currentTimeMillis() - 2 * idleTimeout.toMillis();
    return fs.exists(tmp.toString()).compose(exists -> !exists ? Future.succeededFuture(0)
        : fs.readDir(tmp.toString(), ".*\\.part").compose(files -> {
          List<Future<Boolean>> swept = files.stream().map(f -> fs.props(f).compose(props ->
                  props.lastModifiedTime() < cutoff ? delete(Path.of(f)).map(true) : Future.succeededFuture(false))
              .otherwise(false)).toList();
          return Future.all(swept).map(all -> (int) swept.stream().filter(Future::result).count());
        }));
  }

  private record FileDownload(AsyncFile file, long length) implements Download {
    @Override
    public ReadStream<Buffer> stream() {
      return file;
    }

    @Override
    public Future<Void> close() {
      return file.close();
    }
  }
}
