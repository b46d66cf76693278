package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.ApiPlatform;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.archive.store.Download;
import org.openastro.archive.store.S3ContentStore;
import org.openastro.archive.store.S3ProxyServer;
import org.openastro.archive.store.UploadResult;
import org.openastro.archive.torrent.Bencoded;
import org.openastro.archive.torrent.Libtorrent;
import org.openastro.archive.torrent.Torrents;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.artifact.ArtifactTorrents;
import org.openastro.cql.artifact.TaskFitsPaths;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The artifact API on the S3 store, against a real S3 API server (s3proxy, filesystem backend):
 * two gateways (two HTTP servers, two stores, one bucket, one Cassandra keyspace) as the shipped
 * Kubernetes deployment runs them, so content uploaded through one is downloaded through the other.
 * A small part size (5 MiB, S3's least) makes multipart uploads of a few parts cheap.
 */
@ExtendWith({CassandraExtension.class, S3ProxyServer.class})
class S3ArtifactIT {
  static final String ADMIN_KEY = ArtifactApiIT.ADMIN_KEY;
  static final int PART = 5 << 20;
  static final long MAX_BYTES = 100L << 20;

  static Vertx vertx;
  static S3ContentStore.Options options;
  static S3Client raw;
  static S3ContentStore storeA;
  static S3ContentStore storeB;
  static String gatewayA;
  static String gatewayB;
  static MissionRepository missions;
  static String pipelineKey;

  @BeforeAll
  static void start(CassandraTestNode node, S3ProxyServer s3) throws Exception {
    TestKeyspace keyspace = TestKeyspace.shared(node);
    vertx = Vertx.vertx();
    options = s3.newBucket(PART);
    raw = S3ContentStore.client(options);
    missions = new MissionRepository(keyspace.session());
    ArtifactApiIT.missions = missions;
    storeA = new S3ContentStore(vertx, options, Duration.ofSeconds(30));
    storeB = new S3ContentStore(vertx, options, Duration.ofSeconds(30));
    gatewayA = gateway(keyspace, storeA);
    gatewayB = gateway(keyspace, storeB);
    ArtifactApiIT.base = gatewayA;
    pipelineKey = ArtifactApiIT.issueKey("pipeline-" + UUID.randomUUID(), "PIPELINE");
  }

  static String gateway(TestKeyspace keyspace, S3ContentStore store) {
    Config config = Config.from(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "ADMIN_API_KEY", ADMIN_KEY));
    ArtifactRoutes routes = new ArtifactRoutes(new ArtifactRepository(keyspace.session()), missions,
        new TaskRepository(keyspace.session()), new TaskFitsPaths(keyspace.session()), store,
        new Torrents(vertx, store, new ArtifactTorrents(keyspace.session()), 0, 2048, 2, new SimpleMeterRegistry()),
        null, MAX_BYTES, Clock.systemUTC());
    HttpApiVerticle http = ApiPlatform.server(config, new Store(keyspace.session()), ApiPlatform.hasher(config),
        new SimpleMeterRegistry(), List.of(routes));
    Await.result(vertx.deployVerticle(http));
    return "http://127.0.0.1:" + http.actualPort();
  }

  @AfterAll
  static void stop() {
    if (raw != null) {
      raw.close();
    }
    if (vertx != null) {
      Await.result(Future.all(storeA.close(), storeB.close()).eventually(() -> vertx.close()));
    }
  }

  // ---- tests ----

  @Test
  void uploadThroughOneGatewayIsDownloadedWholeAndInRangesThroughTheOther() throws Exception {
    byte[] content = new byte[10_000]; // the length assertRangesAndConditionals' ranges are written for
    new java.util.Random(11).nextBytes(content);
    String sha = ArtifactApiIT.sha256(content);
    UUID id = register(sha);

    HttpResponse<String> uploaded = put(gatewayA, id, content);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(new JsonObject(uploaded.body()).getString("object_storage_path")).isEqualTo("artifacts/" + id);
    assertThat(raw.headObject(HeadObjectRequest.builder().bucket(options.bucket()).key("artifacts/" + id).build())
        .contentLength()).isEqualTo(content.length);
    // the same content again, through the other gateway: nothing changes
    HttpResponse<String> again = put(gatewayB, id, content);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);

    HttpResponse<byte[]> down = ArtifactApiIT.HTTP.send(HttpRequest.newBuilder(
        URI.create(gatewayB + "/api/v1/artifacts/" + id + "/content")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body()).isEqualTo(content);
    assertThat(down.headers().firstValue("x-content-sha256")).hasValue(sha);
    ArtifactApiIT.assertRangesAndConditionals(gatewayB, id, content, sha);
  }

  @Test
  void aTorrentIsSeededFromTheBucketThroughAnyGateway() throws Exception {
    byte[] content = new byte[1_200_000];
    new java.util.Random(12).nextBytes(content);
    String sha = ArtifactApiIT.sha256(content);
    UUID id = register(sha);
    assertThat(put(gatewayA, id, content).statusCode()).isEqualTo(201);

    // computed through B from the bucket, then stored: A serves the same info dictionary
    HttpResponse<byte[]> fromB = torrent(gatewayB, id);
    assertThat(fromB.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> fromA = torrent(gatewayA, id);
    assertThat(fromA.statusCode()).isEqualTo(200);
    Map<String, Object> b = TorrentIT.dict(Bencoded.decode(fromB.body()));
    Map<String, Object> a = TorrentIT.dict(Bencoded.decode(fromA.body()));
    assertThat(Bencoded.encode(a.get("info"))).isEqualTo(Bencoded.encode(b.get("info")));
    // without PUBLIC_BASE_URL each gateway names itself, as the request reached it
    assertThat(TorrentIT.text(b.get("url-list"))).isEqualTo(gatewayB + "/api/v1/artifacts/" + id + "/content");
    assertThat(TorrentIT.text(a.get("url-list"))).isEqualTo(gatewayA + "/api/v1/artifacts/" + id + "/content");

    // libtorrent downloads it from gateway B's web seed, which reads byte ranges of the object
    Path work = Files.createTempDirectory("s3-torrent");
    Path file = Files.write(work.resolve(id + ".torrent"), fromB.body());
    JsonObject lt = Libtorrent.download(file, Files.createDirectory(work.resolve("into")),
        TorrentIT.DOWNLOAD_TIMEOUT);
    assertThat(lt.getString("v2")).isEqualTo(TorrentIT.hex("SHA-256", Bencoded.encode(b.get("info"))));
    assertThat(lt.getBoolean("is_seeding")).as(lt.encode()).isTrue();
    assertThat(lt.getJsonArray("hash_failures")).isEmpty();
    assertThat(lt.getLong("pieces_finished_downloading")).isEqualTo(lt.getLong("num_pieces"));
    assertThat(Files.readAllBytes(work.resolve("into").resolve(id + ".fits"))).isEqualTo(content);
  }

  static HttpResponse<byte[]> torrent(String gateway, UUID id) throws Exception {
    return ArtifactApiIT.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/artifacts/" + id + "/torrent"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aMultipartUploadOfSeveralPartsIsStreamedAndReadBack() throws Exception {
    long size = 2L * PART + 123_457; // three parts, the last one short
    String sha = GeneratedContent.sha256(size, 5);
    UUID id = register(sha);
    HttpResponse<String> uploaded = ArtifactApiIT.HTTP.send(HttpRequest.newBuilder(
            URI.create(gatewayA + "/api/v1/artifacts/" + id + "/content"))
        .header("authorization", "Bearer " + pipelineKey)
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedContent(size, 5))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(new JsonObject(uploaded.body()).getLong("size_bytes")).isEqualTo(size);
    assertThat(noMultipartUploads()).isTrue();

    HttpResponse<InputStream> down = ArtifactApiIT.HTTP.send(HttpRequest.newBuilder(
        URI.create(gatewayB + "/api/v1/artifacts/" + id + "/content")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.headers().firstValueAsLong("content-length")).hasValue(size);
    try (InputStream in = down.body()) {
      assertThat(GeneratedContent.sha256(in)).isEqualTo(sha);
    }
    // a range across the first part boundary, through the other gateway
    HttpResponse<byte[]> part = ArtifactApiIT.HTTP.send(HttpRequest.newBuilder(
            URI.create(gatewayB + "/api/v1/artifacts/" + id + "/content"))
        .header("range", "bytes=" + (PART - 10) + "-" + (PART + 9)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(part.statusCode()).isEqualTo(206);
    byte[] expected = new byte[20];
    try (InputStream in = new GeneratedContent(size, 5)) {
      in.skipNBytes(PART - 10);
      assertThat(in.readNBytes(expected, 0, 20)).isEqualTo(20);
    }
    assertThat(part.body()).isEqualTo(expected);
    assertThat(part.headers().firstValue("content-range")).hasValue("bytes " + (PART - 10) + "-" + (PART + 9) + "/" + size);
  }

  @Test
  void aMismatchKeepsNothingAndAbortsTheMultipartUpload() throws Exception {
    long size = PART + 1000; // two parts: a multipart upload was under way when the hash is known
    UUID id = register(GeneratedContent.sha256(size, 7));
    HttpResponse<String> refused = ArtifactApiIT.HTTP.send(HttpRequest.newBuilder(
            URI.create(gatewayA + "/api/v1/artifacts/" + id + "/content"))
        .header("authorization", "Bearer " + pipelineKey)
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedContent(size, 8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("hash_mismatch");
    assertThat(objectExists(id)).isFalse();
    assertThat(noMultipartUploads()).as("the multipart upload was aborted").isTrue();
    assertThat(get(gatewayB, id).statusCode()).isEqualTo(404);

    // smaller than a part (a single PUT once the hash matched): nothing either
    byte[] small = "not the registered bytes".getBytes();
    UUID other = register("ab".repeat(32));
    assertThat(put(gatewayA, other, small).statusCode()).isEqualTo(422);
    assertThat(objectExists(other)).isFalse();
    assertThat(raw.listObjectsV2(ListObjectsV2Request.builder().bucket(options.bucket()).prefix("artifacts/" + other)
        .build()).contents()).isEmpty();
  }

  @Test
  void aRestartedStoreFindsWhatWasStored() throws Exception {
    byte[] content = new byte[70_000];
    new java.util.Random(13).nextBytes(content);
    String sha = ArtifactApiIT.sha256(content);
    UUID id = register(sha);
    assertThat(put(gatewayA, id, content).statusCode()).isEqualTo(201);

    S3ContentStore before = new S3ContentStore(vertx, options, Duration.ofSeconds(30));
    assertThat(Await.result(before.exists(id))).isTrue();
    Await.result(before.close());
    S3ContentStore restarted = new S3ContentStore(vertx, options, Duration.ofSeconds(30));
    try {
      assertThat(Await.result(restarted.length(id))).hasValue(content.length);
      assertThat(read(Await.result(restarted.open(id)).orElseThrow())).isEqualTo(content);
      assertThat(read(Await.result(restarted.open(id, 1000, 24)).orElseThrow()))
          .isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 1024));
      assertThat(Await.result(restarted.open(UUID.randomUUID()))).isEmpty();
      assertThat(Await.result(restarted.length(UUID.randomUUID()))).isEmpty();
    } finally {
      Await.result(restarted.close());
    }
  }

  // ---- helpers ----

  static byte[] read(Download download) {
    Buffer all = Buffer.buffer();
    Future<Void> ended = Future.future(p -> vertx.runOnContext(v -> {
      download.stream().handler(all::appendBuffer).endHandler(e -> p.complete()).exceptionHandler(p::fail);
      download.stream().resume();
    }));
    Await.result(ended);
    Await.result(download.close());
    assertThat(all.length()).isEqualTo((int) download.length());
    return all.getBytes();
  }

  static UUID register(String sha) throws Exception {
    UUID mission = ArtifactApiIT.mission("s3-owner");
    UUID id = UUID.randomUUID();
    HttpResponse<String> created = ArtifactApiIT.send("POST", "/api/v1/artifacts", pipelineKey,
        ArtifactApiIT.artifact(id, mission, "STACKED_FITS", sha, null).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return id;
  }

  static HttpResponse<String> put(String gateway, UUID id, byte[] content) throws Exception {
    return ArtifactApiIT.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/artifacts/" + id + "/content"))
        .header("authorization", "Bearer " + pipelineKey)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> get(String gateway, UUID id) throws Exception {
    return ArtifactApiIT.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/artifacts/" + id + "/content"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static boolean objectExists(UUID id) {
    try {
      raw.headObject(HeadObjectRequest.builder().bucket(options.bucket()).key("artifacts/" + id).build());
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    }
  }

  static boolean noMultipartUploads() {
    return raw.listMultipartUploads(ListMultipartUploadsRequest.builder().bucket(options.bucket()).build())
        .uploads().isEmpty();
  }
}
