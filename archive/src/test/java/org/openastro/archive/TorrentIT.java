package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.api.ApiPlatform;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.archive.store.LocalDirectoryContentStore;
import org.openastro.archive.torrent.Bencoded;
import org.openastro.archive.torrent.Libtorrent;
import org.openastro.archive.torrent.Torrents;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.artifact.ArtifactTorrent;
import org.openastro.cql.artifact.ArtifactTorrents;
import org.openastro.cql.artifact.TaskFitsPaths;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Torrents of public products through the real HTTP API, rows in the real Cassandra node, content
 * in a real directory, and libtorrent 2.0 as the independent BitTorrent client: it reads the
 * torrent as a v1+v2 hybrid, agrees with us on both info-hashes, and downloads the product from
 * the web seed alone (the gateway's own content URL, ranged GETs; no peer exists), verifying every
 * piece.
 */
@ExtendWith(CassandraExtension.class)
class TorrentIT {
  static final String ADMIN_KEY = "oak_torrent-it-admin-key-0000000000000000";
  static final int PIECE = 64 * 1024;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  static Path storeDir;
  @TempDir
  static Path work;
  static Vertx vertx;
  static String base;
  static MissionRepository missions;
  static ArtifactTorrents torrentRows;
  static SimpleMeterRegistry registry;
  static String pipelineKey;
  static final String ALICE = "alice-" + UUID.randomUUID();
  static String aliceKey;

  @BeforeAll
  static void start(CassandraTestNode node) throws Exception {
    TestKeyspace keyspace = TestKeyspace.shared(node);
    vertx = Vertx.vertx();
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    // The public base URL as an operator would write it, trailing slash included; 64 KiB pieces
    // so that a piece is a merkle subtree of four 16 KiB blocks, not a single leaf.
    Config config = Config.from(Map.of("HTTP_PORT", Integer.toString(port), "HTTP_HOST", "127.0.0.1",
        "ADMIN_API_KEY", ADMIN_KEY, "PUBLIC_BASE_URL", base + "/", "TORRENT_PIECE_LENGTH", "64KiB"));
    missions = new MissionRepository(keyspace.session());
    torrentRows = new ArtifactTorrents(keyspace.session());
    registry = new SimpleMeterRegistry();
    LocalDirectoryContentStore store = new LocalDirectoryContentStore(vertx, storeDir, Duration.ofSeconds(30));
    ArtifactRoutes routes = new ArtifactRoutes(new ArtifactRepository(keyspace.session()), missions,
        new TaskRepository(keyspace.session()), new TaskFitsPaths(keyspace.session()), store,
        Torrents.create(vertx, config, store, torrentRows, registry), config.get(ArchiveSettings.PUBLIC_BASE_URL),
        100L << 20, Clock.systemUTC());
    HttpApiVerticle http = ApiPlatform.server(config, new Store(keyspace.session()), ApiPlatform.hasher(config),
        new SimpleMeterRegistry(), List.of(routes));
    Await.result(vertx.deployVerticle(http));
    pipelineKey = issueKey("pipeline-" + UUID.randomUUID(), "PIPELINE");
    aliceKey = issueKey(ALICE, "SUBMITTER");
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @Test
  void aPublicProductDownloadsFromItsWebSeedAloneAndLibtorrentVerifiesEveryPiece() throws Exception {
    // several pieces, the last one short, and not a whole number of 16 KiB blocks either
    byte[] content = random(2 * 1024 * 1024 + 300 * 1024 + 777, 18);
    String sha = hex("SHA-256", content);
    UUID id = publicProduct(content, null);

    HttpResponse<byte[]> got = torrent(id, null);
    assertThat(got.statusCode()).as(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(got.headers().firstValue("content-type")).hasValue("application/x-bittorrent");

    // what we wrote, read by our decoder
    Map<String, Object> torrent = dict(Bencoded.decode(got.body()));
    Map<String, Object> info = dict(torrent.get("info"));
    String webSeed = base + "/api/v1/artifacts/" + id + "/content";
    assertThat(text(torrent.get("url-list"))).isEqualTo(webSeed);
    assertThat(text(info.get("sha256"))).isEqualTo(sha);
    assertThat(text(info.get("name"))).isEqualTo(id + ".fits");
    assertThat(info.get("meta version")).isEqualTo(2L);
    assertThat(info.get("piece length")).isEqualTo((long) PIECE);
    assertThat(info.get("length")).isEqualTo((long) content.length);
    byte[] infoBytes = Bencoded.encode(info);
    String v1 = hex("SHA-1", infoBytes);
    String v2 = hex("SHA-256", infoBytes);
    ArtifactTorrent row = Await.result(torrentRows.find(id)).orElseThrow();
    assertThat(row.infoHashV1()).isEqualTo(v1);
    assertThat(row.infoHashV2()).isEqualTo(v2);

    // what libtorrent reads in it, and a download from the web seed alone
    Path file = Files.write(work.resolve(id + ".torrent"), got.body());
    Path into = Files.createDirectory(work.resolve("download-" + id));
    JsonObject lt = Libtorrent.download(file, into, DOWNLOAD_TIMEOUT);
    long pieces = (content.length + PIECE - 1) / PIECE;
    assertThat(lt.getBoolean("has_v1")).as(lt.encode()).isTrue();
    assertThat(lt.getBoolean("has_v2")).as(lt.encode()).isTrue();
    assertThat(lt.getString("v1")).as("v1 info-hash").isEqualTo(v1);
    assertThat(lt.getString("v2")).as("v2 info-hash").isEqualTo(v2);
    assertThat(lt.getJsonArray("web_seeds").getList()).containsExactly(webSeed);
    assertThat(lt.getLong("num_pieces")).isEqualTo(pieces);
    assertThat(lt.containsKey("timed_out")).as(lt.encode()).isFalse();
    assertThat(lt.getJsonArray("hash_failures")).as(lt.encode()).isEmpty();
    assertThat(lt.getBoolean("is_seeding")).as(lt.encode()).isTrue();
    assertThat(lt.getLong("pieces_have")).isEqualTo(pieces);
    // every piece came over the wire and passed libtorrent's hash check (none was on disk before)
    assertThat(lt.getLong("pieces_finished_downloading")).as(lt.encode()).isEqualTo(pieces);
    assertThat(lt.getLong("payload_downloaded")).isGreaterThanOrEqualTo(content.length);
    assertThat(lt.getJsonObject("sha256").getString(id + ".fits")).isEqualTo(sha);
    assertThat(Files.readAllBytes(into.resolve(id + ".fits"))).isEqualTo(content);
  }

  @Test
  void aTorrentIsComputedOnceAndThenServedFromStorage() throws Exception {
    byte[] content = random(700 * 1024 + 5, 19);
    UUID id = publicProduct(content, null);
    double builtBefore = built();

    // three at once: one build, shared
    List<CompletableFuture<HttpResponse<byte[]>>> first = List.of(torrentAsync(id), torrentAsync(id), torrentAsync(id));
    byte[] served = first.get(0).get().body();
    for (var f : first) {
      assertThat(f.get().statusCode()).isEqualTo(200);
      assertThat(f.get().body()).isEqualTo(served);
    }
    assertThat(built() - builtBefore).isEqualTo(1);
    assertThat(Await.result(torrentRows.find(id))).isPresent();

    // with the content gone from the store, only the stored torrent can answer
    String name = id.toString();
    Files.delete(storeDir.resolve(name.substring(0, 2)).resolve(name));
    HttpResponse<byte[]> again = torrent(id, null);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(served);
    assertThat(built() - builtBefore).isEqualTo(1);
  }

  @Test
  void storedBytesThatAreNotTheRegisteredContentGetNoTorrent() throws Exception {
    byte[] content = random(200_000, 21);
    UUID id = publicProduct(content, null);
    // the stored file rots behind the archive's back: same length, one byte changed
    String name = id.toString();
    Path stored = storeDir.resolve(name.substring(0, 2)).resolve(name);
    byte[] rotten = content.clone();
    rotten[123_456] ^= 1;
    Files.write(stored, rotten);
    double builtBefore = built();

    HttpResponse<byte[]> got = torrent(id, null);
    assertThat(got.statusCode()).isEqualTo(500);
    assertThat(new JsonObject(new String(got.body(), StandardCharsets.UTF_8)).getString("error")).isEqualTo("internal");
    assertThat(Await.result(torrentRows.find(id))).as("nothing published under the registered hash").isEmpty();
    assertThat(built()).isEqualTo(builtBefore);
  }

  @Test
  void embargoedUnknownAndNotUploadedProductsHaveNoTorrent() throws Exception {
    byte[] content = random(100_000, 20);
    UUID embargoed = publicProduct(content, Instant.now().plus(365, ChronoUnit.DAYS));
    assertThat(torrent(embargoed, null).statusCode()).isEqualTo(404);
    // not even for the mission's owner, who may download the content: a torrent is for everyone
    assertThat(download(embargoed, aliceKey).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> owner = torrent(embargoed, aliceKey);
    assertThat(owner.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(new String(owner.body(), StandardCharsets.UTF_8)).getString("error")).isEqualTo("not_found");
    assertThat(Await.result(torrentRows.find(embargoed))).isEmpty();

    assertThat(torrent(UUID.randomUUID(), null).statusCode()).isEqualTo(404);

    UUID registeredOnly = UUID.randomUUID();
    assertThat(send("POST", "/api/v1/artifacts", pipelineKey,
        artifact(registeredOnly, mission(), hex("SHA-256", content), null).encode()).statusCode()).isEqualTo(201);
    HttpResponse<byte[]> notUploaded = torrent(registeredOnly, null);
    assertThat(notUploaded.statusCode()).isEqualTo(404);
    assertThat(new String(notUploaded.body(), StandardCharsets.UTF_8)).contains("not uploaded yet");

    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/not-a-uuid/torrent")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
  }

  // ---- helpers ----

  /** Registers a STACKED_FITS product of a mission of Alice's with the given embargo, and uploads it. */
  static UUID publicProduct(byte[] content, Instant publicAfter) throws Exception {
    UUID id = UUID.randomUUID();
    HttpResponse<String> created = send("POST", "/api/v1/artifacts", pipelineKey,
        artifact(id, mission(), hex("SHA-256", content), publicAfter).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/" + id + "/content"))
        .header("authorization", "Bearer " + pipelineKey)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    return id;
  }

  static double built() {
    return registry.get("openastro_artifact_torrents_built_total").counter().count();
  }

  static HttpResponse<byte[]> torrent(UUID id, String key) throws Exception {
    return HTTP.send(get(id + "/torrent", key), HttpResponse.BodyHandlers.ofByteArray());
  }

  static CompletableFuture<HttpResponse<byte[]>> torrentAsync(UUID id) {
    return HTTP.sendAsync(get(id + "/torrent", null), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> download(UUID id, String key) throws Exception {
    return HTTP.send(get(id + "/content", key), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest get(String artifactPath, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/" + artifactPath));
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    return b.build();
  }

  static UUID mission() {
    UUID id = UUID.randomUUID();
    Await.result(missions.create(new Mission(id, 83.82, -5.39, ScienceCase.DEEP_STACK, 3600, 0, 50, null, null,
        MissionStatus.PENDING, null, 30, true, Set.of(), null, null, ALICE,
        Instant.now().truncatedTo(ChronoUnit.MILLIS))));
    return id;
  }

  static JsonObject artifact(UUID id, UUID mission, String sha, Instant publicAfter) {
    return new JsonObject().put("artifact_id", id.toString()).put("mission_id", mission.toString())
        .put("artifact_type", "STACKED_FITS").put("sha256", sha)
        .put("contributing_node_ids", new JsonArray().add(UUID.randomUUID().toString()))
        .put("public_after", publicAfter == null ? null : publicAfter.toString());
  }

  static String issueKey(String name, String role) throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/api-keys", ADMIN_KEY,
        new JsonObject().put("name", name).put("role", role).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("key");
  }

  static HttpResponse<String> send(String method, String path, String key, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("content-type", "application/json");
    }
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> dict(Object o) {
    return (Map<String, Object>) o;
  }

  static String text(Object bytes) {
    return new String((byte[]) bytes, StandardCharsets.UTF_8);
  }
}
