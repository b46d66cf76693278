package org.openastro.archive.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.core.Handler;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Artifact content as objects of one bucket of an S3-compatible service (AWS S3, Ceph RGW, MinIO,
 * Garage, ...) under {@code artifacts/<artifact id>}: a key every gateway of a deployment derives
 * alike, so an upload through one gateway is downloaded through any other.
 *
 * <p>An upload is streamed as a multipart upload ({@link MultipartSink}: parts of
 * {@link Options#partBytes()}, at most two in memory, the request paused while S3 catches up)
 * while its SHA-256 is computed, and completed only when the digest is the registered one; on
 * any other outcome the multipart upload is aborted, so no object appears. Content smaller than
 * one part is sent as a single PUT, again only once its digest matched.
 *
 * <p>The SDK's blocking client (over the JDK's HTTP client: no second Netty next to Vert.x's)
 * runs on a bounded worker pool of {@link Options#threads()} threads, never on an event loop.
 * Path-style addressing by default, and checksums only when an operation requires them: many
 * S3-compatible servers refuse the SDK's default CRC headers and trailers.
 */
public final class S3ContentStore implements ContentStore {
  static final String KEY_PREFIX = "artifacts/";
  /** Bytes read per worker hop when streaming a download. */
  static final int READ_CHUNK = 64 * 1024;

  /**
   * Where and how to reach the bucket.
   *
   * @param endpoint  the service's URL, or null for AWS S3's own endpoint of the region
   * @param accessKey with secretKey, static credentials; both null: the SDK's default chain
   *                  (environment, profile, instance or container role)
   * @param partBytes size of a multipart upload's parts (S3 wants at least 5 MiB but for the last)
   * @param threads   worker threads for the blocking client (each in-flight S3 call holds one)
   */
  public record Options(URI endpoint, String region, String bucket, String accessKey, String secretKey,
      boolean pathStyle, int partBytes, int threads) {}

  private final Vertx vertx;
  private final S3Client s3;
  private final String bucket;
  private final int partBytes;
  private final Duration idleTimeout;
  private final WorkerExecutor workers;

  public S3ContentStore(Vertx vertx, Options options, Duration idleTimeout) {
    this.vertx = vertx;
    this.s3 = client(options);
    this.bucket = options.bucket();
    this.partBytes = options.partBytes();
    this.idleTimeout = idleTimeout;
    this.workers = vertx.createSharedWorkerExecutor("openastro-artifact-s3-" + options.bucket(), options.threads());
  }

  /** The blocking client as this store configures it (also for tools and tests on the same bucket). */
  public static S3Client client(Options o) {
    AwsCredentialsProvider credentials = o.accessKey() != null && o.secretKey() != null
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(o.accessKey(), o.secretKey()))
        : DefaultCredentialsProvider.builder().build();
    S3ClientBuilder b = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
        .region(Region.of(o.region()))
        .credentialsProvider(credentials)
        .forcePathStyle(o.pathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (o.endpoint() != null) {
      b.endpointOverride(o.endpoint());
    }
    return b.build();
  }

  @Override
  public String keyOf(UUID artifactId) {
    return KEY_PREFIX + artifactId;
  }

  @Override
  public Future<UploadResult> store(UUID artifactId, ReadStream<Buffer> body, String expectedSha256, long maxBytes) {
    String key = keyOf(artifactId);
    return length(artifactId).compose(existing -> {
      if (existing.isPresent()) {
        // Verified content is immutable: the stored object holds these bytes if the hash matches,
        // so this upload is only hashed, never sent to S3.
        return new UploadPump(vertx, body, new Discard(), maxBytes, idleTimeout).run().map(pumped -> {
          if (pumped.tooLarge()) {
            return new UploadResult.TooLarge(maxBytes, pumped.bytes());
          }
          if (!pumped.sha256().equals(expectedSha256)) {
            return new UploadResult.HashMismatch(pumped.sha256(), expectedSha256, pumped.bytes());
          }
          return new UploadResult.Stored(key, pumped.bytes(), pumped.sha256(), true);
        });
      }
      MultipartSink sink = new MultipartSink(s3, workers, bucket, key, expectedSha256, partBytes);
      return new UploadPump(vertx, body, sink, maxBytes, idleTimeout).run()
          .recover(t -> sink.abort().otherwiseEmpty().compose(v -> Future.failedFuture(t)))
          .compose(pumped -> {
            if (pumped.tooLarge()) {
              return sink.abort().map(new UploadResult.TooLarge(maxBytes, pumped.bytes()));
            }
            if (!pumped.sha256().equals(expectedSha256)) {
              return sink.abort().map(new UploadResult.HashMismatch(pumped.sha256(), expectedSha256, pumped.bytes()));
            }
            return sink.complete()
                .recover(t -> sink.abort().otherwiseEmpty().compose(v -> Future.failedFuture(t)))
                .map(new UploadResult.Stored(key, pumped.bytes(), pumped.sha256(), false));
          });
    });
  }

  @Override
  public Future<Optional<Download>> open(UUID artifactId) {
    return get(artifactId, null);
  }

  @Override
  public Future<Optional<Download>> open(UUID artifactId, long offset, long length) {
    if (offset < 0 || length < 1) {
      return Future.failedFuture(new IllegalArgumentException("bytes " + offset + "+" + length));
    }
    return get(artifactId, "bytes=" + offset + "-" + (offset + length - 1));
  }

  private Future<Optional<Download>> get(UUID artifactId, String range) {
    return workers.<Optional<Download>>executeBlocking(() -> {
      ResponseInputStream<GetObjectResponse> in;
      try {
        in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(keyOf(artifactId)).range(range).build());
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          return Optional.empty();
        }
        throw e;
      }
      long length = in.response().contentLength();
      return Optional.of(new ObjectDownload(new BlockingReadStream(workers, in, READ_CHUNK, length), length));
    }, false);
  }

  @Override
  public Future<OptionalLong> length(UUID artifactId) {
    return workers.executeBlocking(() -> {
      try {
        return OptionalLong.of(s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(keyOf(artifactId)).build())
            .contentLength());
      } catch (NoSuchKeyException e) {
        return OptionalLong.empty();
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          return OptionalLong.empty();
        }
        throw e;
      }
    }, false);
  }

  @Override
  public Future<Boolean> exists(UUID artifactId) {
    return length(artifactId).map(OptionalLong::isPresent);
  }

  /** Releases the worker pool and the client; uploads and downloads still running fail. */
  public Future<Void> close() {
    return workers.close().eventually(() -> vertx.executeBlocking(() -> {
      s3.close();
      return null;
    }, false));
  }

  private record ObjectDownload(BlockingReadStream stream, long length) implements Download {
    @Override
    public Future<Void> close() {
      return stream.close();
    }
  }

  /** Where the bytes of an upload go whose content is already stored: only hashed, then dropped. */
  private static final class Discard implements WriteStream<Buffer> {
    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
