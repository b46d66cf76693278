package org.openastro.archive;

import static org.openastro.config.Parsers.bool;
import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.intBetween;
import static org.openastro.config.Parsers.oneOf;
import static org.openastro.config.Parsers.path;
import static org.openastro.config.Parsers.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openastro.config.Setting;

/** Settings of the artifact archive: where uploaded content lives (a directory or an S3 bucket) and how large it may be. */
public final class ArchiveSettings {
  public static final Setting<Path> ARTIFACT_STORE_DIR = Setting.of("ARTIFACT_STORE_DIR", "data/artifacts",
      "directory of the embedded artifact content store (uploads via PUT /api/v1/artifacts/{id}/content)", path());

  public static final Setting<Long> ARTIFACT_MAX_BYTES = Setting.of("ARTIFACT_MAX_BYTES", "10GiB",
      "largest artifact content upload; larger gets 413 (bytes, or with KiB/MiB/GiB/TiB)", bytes());

  public static final Setting<Duration> ARTIFACT_UPLOAD_IDLE_TIMEOUT = Setting.of("ARTIFACT_UPLOAD_IDLE_TIMEOUT",
      "60s", "a content upload that sends no byte for this long is abandoned (408) and nothing is kept",
      durationAtLeast(Duration.ofSeconds(1)));

  /** Where artifact content lives. */
  public enum StoreKind {
    /** files under {@link #ARTIFACT_STORE_DIR}: one gateway, or a volume every gateway mounts */
    LOCAL,
    /** a bucket of an S3-compatible service, shared by every gateway */
    S3
  }

  public static final Setting<StoreKind> ARTIFACT_STORE = Setting.of("ARTIFACT_STORE", "local",
      "where artifact content lives: local (ARTIFACT_STORE_DIR) or s3 (an S3-compatible bucket, ARTIFACT_S3_*)",
      oneOf(StoreKind.class));

  public static final Setting<URI> ARTIFACT_S3_ENDPOINT = Setting.of("ARTIFACT_S3_ENDPOINT", null,
      "URL of the S3-compatible service (Ceph RGW, MinIO, Garage...); unset = AWS S3 of ARTIFACT_S3_REGION",
      httpUrl());

  public static final Setting<String> ARTIFACT_S3_BUCKET = Setting.of("ARTIFACT_S3_BUCKET", null,
      "bucket of the artifact content (must exist); required when ARTIFACT_STORE=s3", text());

  public static final Setting<String> ARTIFACT_S3_REGION = Setting.of("ARTIFACT_S3_REGION", "us-east-1",
      "region the requests are signed for (most S3-compatible services take any)", text());

  public static final Setting<String> ARTIFACT_S3_ACCESS_KEY = Setting.of("ARTIFACT_S3_ACCESS_KEY", null,
      "access key id; unset (with ARTIFACT_S3_SECRET_KEY) = the AWS SDK's default credentials chain", text());

  public static final Setting<String> ARTIFACT_S3_SECRET_KEY = Setting.secret("ARTIFACT_S3_SECRET_KEY",
      "secret access key belonging to ARTIFACT_S3_ACCESS_KEY", text());

  public static final Setting<Boolean> ARTIFACT_S3_PATH_STYLE = Setting.of("ARTIFACT_S3_PATH_STYLE", "true",
      "path-style URLs (endpoint/bucket/key), which S3-compatible services expect; false = virtual-hosted",
      bool());

  public static final Setting<Long> ARTIFACT_S3_PART_SIZE = Setting.of("ARTIFACT_S3_PART_SIZE", "8MiB",
      "part size of multipart uploads (5MiB to 1GiB); an upload holds at most two parts in memory",
      bytesBetween(5L << 20, 1L << 30));

  public static final Setting<URI> PUBLIC_BASE_URL = Setting.of("PUBLIC_BASE_URL", null,
      "public URL of the HTTP API (https://archive.example.org), the base of torrents' web seeds"
          + " (<base>/api/v1/artifacts/{id}/content); unset = the scheme and host the torrent was asked on",
      httpUrl());

  /** 0 stands for {@code auto}. */
  public static final Setting<Long> TORRENT_PIECE_LENGTH = Setting.of("TORRENT_PIECE_LENGTH", "auto",
      "piece length of products' torrents: auto (the smallest that keeps TORRENT_MAX_PIECES) or a power of two"
          + " from 16KiB to 64MiB, raised when the content would need more than TORRENT_MAX_PIECES pieces",
      pieceLength());

  public static final Setting<Integer> TORRENT_MAX_PIECES = Setting.of("TORRENT_MAX_PIECES", "2048",
      "most pieces of a torrent; the piece length doubles until the content fits (bounds the stored metadata"
          + " to about 52 bytes a piece)", intBetween(1, 1 << 20));

  public static final Setting<Integer> TORRENT_MAX_BUILDS = Setting.of("TORRENT_MAX_BUILDS", "2",
      "torrents computed at once per process (each a full read of the content, hashed on its own worker"
          + " thread); a torrent asked for beyond gets 503 with Retry-After", intBetween(1, 64));

  /** Every archive setting, for the process's list of settings. */
  public static final List<Setting<?>> ALL = List.of(ARTIFACT_STORE_DIR, ARTIFACT_MAX_BYTES,
      ARTIFACT_UPLOAD_IDLE_TIMEOUT, ARTIFACT_STORE, ARTIFACT_S3_ENDPOINT, ARTIFACT_S3_BUCKET, ARTIFACT_S3_REGION,
      ARTIFACT_S3_ACCESS_KEY, ARTIFACT_S3_SECRET_KEY, ARTIFACT_S3_PATH_STYLE, ARTIFACT_S3_PART_SIZE,
      PUBLIC_BASE_URL, TORRENT_PIECE_LENGTH, TORRENT_MAX_PIECES, TORRENT_MAX_BUILDS);

  private ArchiveSettings() {}

  /** An http or https URL with a host. */
  static Function<String, URI> httpUrl() {
    return s -> {
      try {
        URI uri = new URI(s);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          throw new IllegalArgumentException("expected an http(s) URL like https://s3.example.org or http://minio:9000");
        }
        return uri;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("expected an http(s) URL like https://s3.example.org or http://minio:9000");
      }
    };
  }

  /** {@code auto} (0), or a power of two of bytes from 16 KiB to 64 MiB as {@link #bytes()} reads it. */
  static Function<String, Long> pieceLength() {
    return s -> {
      if (s.trim().equalsIgnoreCase("auto")) {
        return 0L;
      }
      long n = bytesBetween(16L << 10, 64L << 20).apply(s);
      if (Long.bitCount(n) != 1) {
        throw new IllegalArgumentException("expected auto or a power of two like 256KiB or 4MiB");
      }
      return n;
    };
  }

  /** A size as {@link #bytes()} within {@code [min, max]}. */
  static Function<String, Long> bytesBetween(long min, long max) {
    return s -> {
      long n = bytes().apply(s);
      if (n < min || n > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max + " bytes");
      }
      return n;
    };
  }

  /** A size in bytes ({@link org.openastro.config.Parsers#bytes()}: the one parser of sizes). */
  static Function<String, Long> bytes() {
    return org.openastro.config.Parsers.bytes();
  }
}
