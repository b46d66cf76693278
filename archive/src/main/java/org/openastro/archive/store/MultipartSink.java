package org.openastro.archive.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The write side of an S3 upload: bytes are gathered into parts of {@code partBytes}, and each full
 * part is sent by {@code UploadPart} on a worker thread while the next one fills. At most two parts
 * are held (the one in flight and the one filling, plus the few chunks that arrive after the pause):
 * {@link #writeQueueFull()} is true while both are taken, which pauses the request body. The
 * multipart upload is created with the first full part; content smaller than one part is kept in
 * memory and sent as one PUT by {@link #complete()}.
 *
 * <p>{@link #end()} sends the last part but completes nothing: the caller then either
 * {@link #complete()}s (the digest matched) or {@link #abort()}s (it did not, or anything failed).
 * Every method runs on the event loop of the upload; only the S3 calls run on the workers.
 */
final class MultipartSink implements WriteStream<Buffer> {
  private static final Logger LOG = LoggerFactory.getLogger(MultipartSink.class);
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final S3Client s3;
  private final WorkerExecutor workers;
  private final String bucket;
  private final String key;
  private final String sha256;
  private final int partBytes;

  private byte[] current;
  private int filled;
  /** Bytes that arrived while both parts were taken (the body pauses then; only a few chunks). */
  private Buffer overflow = Buffer.buffer();
  private Future<Void> inFlight;
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();
  private int nextPart = 1;
  private Throwable failure;
  private boolean aborted;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> drainHandler;

  /** @param sha256 the expected digest, recorded as the object's {@code x-amz-meta-sha256} */
  MultipartSink(S3Client s3, WorkerExecutor workers, String bucket, String key, String sha256, int partBytes) {
    this.s3 = s3;
    this.workers = workers;
    this.bucket = bucket;
    this.key = key;
    this.sha256 = sha256;
    this.partBytes = partBytes;
  }

  @Override
  public Future<Void> write(Buffer chunk) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (aborted) {
      return Future.failedFuture(new IllegalStateException("upload of " + key + " aborted"));
    }
    int used = fill(chunk, 0);
    if (used < chunk.length()) {
      overflow.appendBuffer(chunk, used, chunk.length() - used);
    }
    startFullPart();
    return Future.succeededFuture();
  }

  /** Copies from {@code chunk} at {@code from} into the filling part; returns where it stopped. */
  private int fill(Buffer chunk, int from) {
    if (current == null) {
      current = new byte[partBytes];
    }
    int n = Math.min(partBytes - filled, chunk.length() - from);
    chunk.getBytes(from, from + n, current, filled);
    filled += n;
    return from + n;
  }

  private void startFullPart() {
    if (inFlight != null || filled < partBytes || aborted || failure != null) {
      return;
    }
    byte[] part = current;
    current = null;
    filled = 0;
    send(part, partBytes);
    if (overflow.length() > 0) {
      Buffer rest = overflow;
      overflow = Buffer.buffer();
      int used = fill(rest, 0);
      if (used < rest.length()) {
        overflow = rest.getBuffer(used, rest.length());
      }
    }
  }

  /** Sends one part (creating the multipart upload before the first); one at a time. */
  private void send(byte[] data, int length) {
    int number = nextPart++;
    Future<String> id = uploadId != null ? Future.succeededFuture(uploadId)
        : workers.<String>executeBlocking(() -> s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
            .bucket(bucket).key(key).contentType(CONTENT_TYPE).metadata(Map.of("sha256", sha256)).build())
            .uploadId(), false).onSuccess(created -> uploadId = created);
    inFlight = id.compose(upload -> workers.<CompletedPart>executeBlocking(() -> {
      String etag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(upload)
          .partNumber(number).contentLength((long) length).build(), body(data, length)).eTag();
      return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }, false)).transform(ar -> {
      inFlight = null;
      if (ar.succeeded()) {
        parts.add(ar.result());
        startFullPart();
      } else if (failure == null) {
        failure = ar.cause();
        if (exceptionHandler != null) {
          exceptionHandler.handle(failure);
        }
      }
      if (inFlight == null) {
        List<Promise<Void>> waiting = List.copyOf(idleWaiters);
        idleWaiters.clear();
        waiting.forEach(Promise::tryComplete);
      }
      if (!writeQueueFull() && drainHandler != null) {
        Handler<Void> drained = drainHandler;
        drainHandler = null;
        drained.handle(null);
      }
      return Future.<Void>succeededFuture();
    });
  }

  private static RequestBody body(byte[] data, int length) {
    // no copy: the SDK reads the array through a fresh stream on each (re)try
    return RequestBody.fromContentProvider(ContentStreamProvider.fromInputStreamSupplier(
        () -> new ByteArrayInputStream(data, 0, length)), length, CONTENT_TYPE);
  }

  /** Completes once no part is in flight. */
  private Future<Void> idle() {
    if (inFlight == null) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    idleWaiters.add(p);
    return p.future();
  }

  /** Waits for the parts in flight and sends the last one; completes nothing yet. */
  @Override
  public Future<Void> end() {
    return idle().compose(v -> {
      if (failure != null) {
        return Future.failedFuture(failure);
      }
      if (uploadId == null && parts.isEmpty()) {
        return Future.succeededFuture(); // smaller than one part: one PUT in complete()
      }
      if (filled == 0) {
        return Future.succeededFuture();
      }
      byte[] last = current;
      int length = filled;
      current = null;
      filled = 0;
      send(last, length);
      return idle().compose(w -> failure != null ? Future.failedFuture(failure) : Future.succeededFuture());
    });
  }

  /** Makes the object visible under its key: the digest matched. Call after {@link #end()}. */
  Future<Void> complete() {
    if (uploadId == null) {
      byte[] data = current == null ? new byte[0] : current;
      int length = filled;
      current = null;
      return workers.executeBlocking(() -> {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(CONTENT_TYPE)
            .contentLength((long) length).metadata(Map.of("sha256", sha256)).build(), body(data, length));
        return null;
      }, false);
    }
    List<CompletedPart> sorted = parts.stream().sorted(Comparator.comparing(CompletedPart::partNumber)).toList();
    String upload = uploadId;
    return workers.executeBlocking(() -> {
      s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(upload)
          .multipartUpload(CompletedMultipartUpload.builder().parts(sorted).build()).build());
      return null;
    }, false);
  }

  /**
   * Drops everything: no part is sent any more, the one in flight is waited for, and the
   * multipart upload (if one was created) is aborted, which deletes its stored parts.
   */
  Future<Void> abort() {
    aborted = true;
    current = null;
    overflow = Buffer.buffer();
    return idle().compose(v -> {
      if (uploadId == null) {
        return Future.succeededFuture();
      }
      String upload = uploadId;
      uploadId = null;
      return workers.<Void>executeBlocking(() -> {
        s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(upload).build());
        return null;
      }, false).onFailure(t -> LOG.warn("Could not abort the multipart upload {} of {}; its parts stay until a bucket "
          + "lifecycle rule (AbortIncompleteMultipartUpload) removes them", upload, key, t));
    });
  }

  /** The multipart upload's id, or null when none was created (for tests). */
  String uploadId() {
    return uploadId;
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this; // the queue is two parts by design
  }

  /** Both parts are taken: one in flight, one full and waiting for it. */
  @Override
  public boolean writeQueueFull() {
    return filled >= partBytes;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }
}
