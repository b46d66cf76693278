package org.openastro.bench.archive;

import java.io.IOException;
import java.io.InputStream;
import org.openastro.archive.store.S3ContentStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The baseline: the same file copied to and from the same bucket with the raw AWS SDK v2, built by
 * {@link S3ContentStore#client} so it is the very client configuration the gateway's store uses
 * (path-style, the JDK's HttpURLConnection, checksums only when required): what is left between
 * the two figures is the gateway itself (HTTP in, hashing, multipart parts, Cassandra).
 */
final class SdkTransfer implements AutoCloseable {
  private final S3Client client;
  private final String bucket;

  SdkTransfer(S3ContentStore.Options options) {
    this.client = S3ContentStore.client(options);
    this.bucket = options.bucket();
  }

  /** One PUT of the whole file, streamed from disk; returns the nanoseconds it took. */
  long upload(TransferFile file, String key) {
    long t0 = System.nanoTime();
    client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentLength(file.bytes()).build(),
        RequestBody.fromFile(file.path()));
    return System.nanoTime() - t0;
  }

  /** One GET, read to its end (hashed, then discarded); returns the nanoseconds it took. */
  long download(TransferFile file, String key) throws IOException {
    long t0 = System.nanoTime();
    try (InputStream in = client.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build())) {
      file.drainVerifying(in, "SDK getObject " + key);
    }
    return System.nanoTime() - t0;
  }

  /** Frees the disk a run's object takes (the s3proxy backend is a directory). */
  void delete(String key) {
    client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
  }

  @Override
  public void close() {
    client.close();
  }
}
