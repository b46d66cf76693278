package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.api.ApiPlatform;
import org.openastro.api.http.ContractCoverage;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.archive.store.LocalDirectoryContentStore;
import org.openastro.archive.torrent.Torrents;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.artifact.ArtifactTorrents;
import org.openastro.cql.artifact.TaskFitsPaths;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The artifact API over a real HTTP socket: rows in the real Cassandra node, content in a real
 * directory. Keys are issued through the API by the configured admin key.
 */
@ExtendWith(CassandraExtension.class)
class ArtifactApiIT {
  static final String ADMIN_KEY = "oak_artifact-api-it-admin-key-000000000";
  static final long MAX_BYTES = 300L << 20;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path storeDir;
  static TestKeyspace keyspace;
  static Vertx vertx;
  static String base;
  static int port;
  static MissionRepository missions;
  static TaskRepository tasks;
  static ArtifactRoutes routes;
  static String pipelineKey;
  static final String ALICE = "alice-" + UUID.randomUUID();
  static String aliceKey;
  static String bobKey;

  @BeforeAll
  static void start(CassandraTestNode node) throws Exception {
    keyspace = TestKeyspace.shared(node);
    vertx = Vertx.vertx();
    Config config = Config.from(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "ADMIN_API_KEY", ADMIN_KEY));
    missions = new MissionRepository(keyspace.session());
    tasks = new TaskRepository(keyspace.session());
    LocalDirectoryContentStore store = new LocalDirectoryContentStore(vertx, storeDir, java.time.Duration.ofSeconds(30));
    routes = new ArtifactRoutes(new ArtifactRepository(keyspace.session()), missions, tasks,
        new TaskFitsPaths(keyspace.session()), store, new Torrents(vertx, store,
            new ArtifactTorrents(keyspace.session()), 0, 2048, 2, new SimpleMeterRegistry()), null, MAX_BYTES,
        Clock.systemUTC());
    HttpApiVerticle http = ApiPlatform.server(config, new Store(keyspace.session()), ApiPlatform.hasher(config),
        new SimpleMeterRegistry(), List.of(routes));
    Await.result(vertx.deployVerticle(http));
    port = http.actualPort();
    base = "http://127.0.0.1:" + port;
    pipelineKey = issueKey("pipeline-" + UUID.randomUUID(), "PIPELINE");
    aliceKey = issueKey(ALICE, "SUBMITTER");
    bobKey = issueKey("bob-" + UUID.randomUUID(), "SUBMITTER");
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  // ---- tests ----

  @Test
  void registerUploadDownloadRoundTrip() throws Exception {
    UUID mission = mission(ALICE);
    UUID id = UUID.randomUUID();
    byte[] content = "SIMPLE  =                    T / a tiny FITS-like header".repeat(100).getBytes(StandardCharsets.US_ASCII);
    String sha = sha256(content);
    String body = artifact(id, mission, "STACKED_FITS", sha, null).encode();

    HttpResponse<String> created = send("POST", "/api/v1/artifacts", pipelineKey, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject json = new JsonObject(created.body());
    assertThat(json.getString("object_storage_path")).isEqualTo("artifacts/" + id);
    assertThat(json.getString("sha256")).isEqualTo(sha);
    assertThat(json.getString("registered_by")).startsWith("pipeline-");
    assertThat(created.headers().firstValue("location")).hasValue("/api/v1/artifacts/" + id);

    HttpResponse<String> uploaded = put(id, pipelineKey, content);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(new JsonObject(uploaded.body()).getLong("size_bytes")).isEqualTo(content.length);
    // the same content again changes nothing and says so
    assertThat(put(id, pipelineKey, content).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> down = download(id, null);
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body()).isEqualTo(content);
    assertThat(down.headers().firstValue("x-content-sha256")).hasValue(sha);
    assertThat(down.headers().firstValue("repr-digest"))
        .hasValue("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":");
    assertThat(down.headers().firstValue("content-length")).hasValue(Integer.toString(content.length));
    assertThat(down.headers().firstValue("content-type")).hasValue("application/fits");

    HttpResponse<String> read = send("GET", "/api/v1/artifacts/" + id, null, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(read.body()).getString("mission_id")).isEqualTo(mission.toString());
  }

  @Test
  void headRangesAndConditionalRequestsAreAnsweredAsHttpClientsExpect() throws Exception {
    UUID mission = mission(ALICE);
    UUID id = UUID.randomUUID();
    byte[] content = new byte[10_000];
    new java.util.Random(3).nextBytes(content);
    String sha = sha256(content);
    assertThat(send("POST", "/api/v1/artifacts", pipelineKey, artifact(id, mission, "RAW_FITS", sha, null).encode())
        .statusCode()).isEqualTo(201);
    assertThat(put(id, pipelineKey, content).statusCode()).isEqualTo(201);
    assertRangesAndConditionals(base, id, content, sha);
  }

  /** HEAD, single ranges, 416, If-Range and If-None-Match on content {@code content} of artifact {@code id}. */
  static void assertRangesAndConditionals(String base, UUID id, byte[] content, String sha) throws Exception {
    assertThat(content).as("the ranges below are written for 10000 bytes").hasSize(10_000);
    String etag = "\"" + sha + "\"";
    String reprDigest = "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":";
    URI uri = URI.create(base + "/api/v1/artifacts/" + id + "/content");

    HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("content-length")).hasValue(Integer.toString(content.length));
    assertThat(head.headers().firstValue("etag")).hasValue(etag);
    assertThat(head.headers().firstValue("accept-ranges")).hasValue("bytes");
    assertThat(head.headers().firstValue("repr-digest")).hasValue(reprDigest);

    HttpResponse<byte[]> whole = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(content);
    assertThat(whole.headers().firstValue("etag")).hasValue(etag);
    assertThat(whole.headers().firstValue("accept-ranges")).hasValue("bytes");

    int n = content.length;
    Map<String, int[]> ranges = Map.of("bytes=0-0", new int[] {0, 0}, "bytes=100-199", new int[] {100, 199},
        "bytes=9000-", new int[] {9000, n - 1}, "bytes=-500", new int[] {n - 500, n - 1},
        "bytes=9990-20000", new int[] {9990, n - 1}, "bytes=-20000", new int[] {0, n - 1});
    for (var r : ranges.entrySet()) {
      HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(uri).header("range", r.getKey()).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      int from = r.getValue()[0];
      int to = r.getValue()[1];
      assertThat(part.statusCode()).as(r.getKey()).isEqualTo(206);
      assertThat(part.headers().firstValue("content-range")).as(r.getKey()).hasValue("bytes " + from + "-" + to + "/" + n);
      assertThat(part.headers().firstValue("content-length")).as(r.getKey()).hasValue(Integer.toString(to - from + 1));
      assertThat(part.body()).as(r.getKey()).isEqualTo(java.util.Arrays.copyOfRange(content, from, to + 1));
      // the digest of the whole representation, also on a part
      assertThat(part.headers().firstValue("repr-digest")).as(r.getKey()).hasValue(reprDigest);
      assertThat(part.headers().firstValue("etag")).as(r.getKey()).hasValue(etag);
    }

    for (String past : List.of("bytes=" + n + "-", "bytes=20000-30000", "bytes=-0")) {
      HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(uri).header("range", past).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(past).isEqualTo(416);
      assertThat(refused.headers().firstValue("content-range")).as(past).hasValue("bytes */" + n);
      assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("range_not_satisfiable");
    }

    // what is not served as one range is served whole
    for (String other : List.of("bytes=0-1,5-6", "items=0-1", "bytes=5-1", "bytes=x-")) {
      HttpResponse<byte[]> all = HTTP.send(HttpRequest.newBuilder(uri).header("range", other).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(all.statusCode()).as(other).isEqualTo(200);
      assertThat(all.body()).as(other).isEqualTo(content);
    }
    HttpResponse<byte[]> staleIfRange = HTTP.send(HttpRequest.newBuilder(uri).header("range", "bytes=0-9")
        .header("if-range", "\"" + "0".repeat(64) + "\"").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(staleIfRange.statusCode()).isEqualTo(200);
    assertThat(staleIfRange.body()).isEqualTo(content);
    HttpResponse<byte[]> currentIfRange = HTTP.send(HttpRequest.newBuilder(uri).header("range", "bytes=0-9")
        .header("if-range", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(currentIfRange.statusCode()).isEqualTo(206);
    assertThat(currentIfRange.body()).isEqualTo(java.util.Arrays.copyOf(content, 10));

    HttpResponse<byte[]> notModified = HTTP.send(HttpRequest.newBuilder(uri).header("if-none-match", "W/\"x\", " + etag)
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(notModified.statusCode()).as(new String(notModified.body())).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("etag")).hasValue(etag);
    HttpResponse<byte[]> modified = HTTP.send(HttpRequest.newBuilder(uri).header("if-none-match", "\"other\"")
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(modified.statusCode()).isEqualTo(200);
    assertThat(modified.body()).isEqualTo(content);
  }

  @Test
  void embargoedContentIsHiddenFromHeadAndRangesToo() throws Exception {
    UUID mission = mission(ALICE);
    UUID id = UUID.randomUUID();
    byte[] content = "embargoed frame".getBytes(StandardCharsets.UTF_8);
    assertThat(send("POST", "/api/v1/artifacts", pipelineKey, artifact(id, mission, "RAW_FITS", sha256(content),
        Instant.now().plus(30, ChronoUnit.DAYS)).encode()).statusCode()).isEqualTo(201);
    assertThat(put(id, pipelineKey, content).statusCode()).isEqualTo(201);
    URI uri = URI.create(base + "/api/v1/artifacts/" + id + "/content");
    for (String key : java.util.Arrays.asList(null, bobKey)) {
      HttpRequest.Builder headReq = HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody());
      HttpRequest.Builder rangeReq = HttpRequest.newBuilder(uri).header("range", "bytes=0-3");
      HttpRequest.Builder inmReq = HttpRequest.newBuilder(uri).header("if-none-match", "*");
      for (HttpRequest.Builder b : List.of(headReq, rangeReq, inmReq)) {
        if (key != null) {
          b.header("authorization", "Bearer " + key);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("etag")).isEmpty();
      }
    }
    HttpResponse<byte[]> owner = HTTP.send(HttpRequest.newBuilder(uri).header("range", "bytes=0-8")
        .header("authorization", "Bearer " + aliceKey).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(owner.statusCode()).isEqualTo(206);
    assertThat(new String(owner.body(), StandardCharsets.UTF_8)).isEqualTo("embargoed");
  }

  @Test
  void registrationIsIdempotentAndConflictsAreRefused() throws Exception {
    UUID mission = mission(ALICE);
    UUID id = UUID.randomUUID();
    JsonObject a = artifact(id, mission, "LIGHT_CURVE", "ab".repeat(32), null);
    assertThat(send("POST", "/api/v1/artifacts", pipelineKey, a.encode()).statusCode()).isEqualTo(201);
    HttpResponse<String> replay = send("POST", "/api/v1/artifacts", pipelineKey, a.encode());
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(replay.body()).getString("sha256")).isEqualTo("ab".repeat(32));
    HttpResponse<String> conflict = send("POST", "/api/v1/artifacts", pipelineKey,
        a.copy().put("sha256", "cd".repeat(32)).encode());
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(conflict.body()).getString("field")).isEqualTo("artifact_id");
    // the stored artifact is still the first one
    assertThat(new JsonObject(send("GET", "/api/v1/artifacts/" + id, null, null).body()).getString("sha256"))
        .isEqualTo("ab".repeat(32));
  }

  @Test
  void corruptedUploadIsRefusedAndNothingIsKept() throws Exception {
    UUID mission = mission(ALICE);
    UUID id = UUID.randomUUID();
    byte[] content = new byte[200_000];
    new java.util.Random(7).nextBytes(content);
    String sha = sha256(content);
    assertThat(send("POST", "/api/v1/artifacts", pipelineKey, artifact(id, mission, "RAW_FITS", sha, null).encode())
        .statusCode()).isEqualTo(201);
    byte[] corrupted = content.clone();
    corrupted[100_000] ^= 1;

    HttpResponse<String> refused = put(id, pipelineKey, corrupted);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    JsonObject error = new JsonObject(refused.body());
    assertThat(error.getString("error")).isEqualTo("hash_mismatch");
    assertThat(error.getString("field")).isEqualTo("sha256");
    assertThat(error.getString("message")).contains(sha256(corrupted)).contains(sha);
    assertThat(filesUnder(storeDir)).noneMatch(p -> p.getFileName().toString().startsWith(id.toString()));
    assertThat(download(id, null).statusCode()).isEqualTo(404);

    // the genuine content is still taken afterwards
    assertThat(put(id, pipelineKey, content).statusCode()).isEqualTo(201);
    assertThat(download(id, null).body()).isEqualTo(content);
  }

  @Test
  void declaredOversizedUploadIsRefusedBeforeAnyByteIsRead() throws Exception {
    UUID mission = mission(ALICE);
    UUID id = UUID.randomUUID();
    assertThat(send("POST", "/api/v1/artifacts", pipelineKey,
        artifact(id, mission, "STACKED_FITS", "ee".repeat(32), null).encode()).statusCode()).isEqualTo(201);
    // A raw socket: send the headers only and read the answer, which must come without the body.
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /api/v1/artifacts/" + id + "/content HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + pipelineKey + "\r\nContent-Length: " + (MAX_BYTES + 1) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String status = in.readLine();
      assertThat(status).startsWith("HTTP/1.1 413");
      String line;
      StringBuilder headers = new StringBuilder();
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        headers.append(line.toLowerCase()).append('\n');
      }
      assertThat(headers.toString()).contains("connection: close");
    }
    assertThat(filesUnder(storeDir)).noneMatch(p -> p.getFileName().toString().startsWith(id.toString()));
  }

  @Test
  void uploadLargerThanTheHeapIsStreamed() throws Exception {
    long size = 256L << 20;
    assertThat(Runtime.getRuntime().maxMemory()).as("the test JVM's heap must be smaller than the upload")
        .isLessThan(size);
    long seed = 42;
    String sha = GeneratedContent.sha256(size, seed);
    UUID mission = mission(ALICE);
    UUID id = UUID.randomUUID();
    assertThat(send("POST", "/api/v1/artifacts", pipelineKey, artifact(id, mission, "STACKED_FITS", sha, null).encode())
        .statusCode()).isEqualTo(201);

    HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/" + id + "/content"))
        .header("authorization", "Bearer " + pipelineKey)
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedContent(size, seed))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(new JsonObject(uploaded.body()).getLong("size_bytes")).isEqualTo(size);

    HttpResponse<InputStream> down = HTTP.send(HttpRequest.newBuilder(
        URI.create(base + "/api/v1/artifacts/" + id + "/content")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.headers().firstValueAsLong("content-length")).hasValue(size);
    try (InputStream in = down.body()) {
      assertThat(GeneratedContent.sha256(in)).isEqualTo(sha);
    }
  }

  @Test
  void embargoHidesFromAnonymousAndOtherSubmittersButNotFromOwnerAndAdmin() throws Exception {
    UUID mission = mission(ALICE);
    Instant now = Instant.now();
    UUID open = UUID.randomUUID();
    UUID embargoed = UUID.randomUUID();
    UUID expired = UUID.randomUUID();
    byte[] content = "light curve".getBytes(StandardCharsets.UTF_8);
    String sha = sha256(content);
    for (var a : List.of(artifact(open, mission, "LIGHT_CURVE", sha, null),
        artifact(embargoed, mission, "LIGHT_CURVE", sha, now.plus(365, ChronoUnit.DAYS)),
        artifact(expired, mission, "LIGHT_CURVE", sha, now.minus(1, ChronoUnit.DAYS)))) {
      assertThat(send("POST", "/api/v1/artifacts", pipelineKey, a.encode()).statusCode()).isEqualTo(201);
    }
    assertThat(put(embargoed, pipelineKey, content).statusCode()).isEqualTo(201);

    String list = "/api/v1/missions/" + mission + "/artifacts";
    assertThat(ids(send("GET", list, null, null))).containsExactlyInAnyOrder(open, expired);
    assertThat(ids(send("GET", list, bobKey, null))).containsExactlyInAnyOrder(open, expired);
    assertThat(ids(send("GET", list, aliceKey, null))).containsExactlyInAnyOrder(open, embargoed, expired);
    assertThat(ids(send("GET", list, ADMIN_KEY, null))).containsExactlyInAnyOrder(open, embargoed, expired);
    assertThat(ids(send("GET", list + "?limit=1", ADMIN_KEY, null))).hasSize(1);
    assertThat(send("GET", list + "?limit=0", null, null).statusCode()).isEqualTo(400);

    String one = "/api/v1/artifacts/" + embargoed;
    assertThat(send("GET", one, null, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", one, bobKey, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", one, aliceKey, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", one, ADMIN_KEY, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/artifacts/" + expired, null, null).statusCode()).isEqualTo(200);

    assertThat(download(embargoed, null).statusCode()).isEqualTo(404);
    assertThat(download(embargoed, bobKey).statusCode()).isEqualTo(404);
    assertThat(download(embargoed, aliceKey).body()).isEqualTo(content);
    assertThat(download(embargoed, ADMIN_KEY).body()).isEqualTo(content);
    assertThat(send("GET", "/api/v1/missions/" + UUID.randomUUID() + "/artifacts", null, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void onlyPipelineAndAdminKeysRegisterAndUpload() throws Exception {
    UUID mission = mission(ALICE);
    UUID id = UUID.randomUUID();
    String body = artifact(id, mission, "LIGHT_CURVE", "12".repeat(32), null).encode();
    HttpResponse<String> anonymous = send("POST", "/api/v1/artifacts", null, body);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(anonymous.body()).getString("error")).isEqualTo("unauthorized");
    HttpResponse<String> submitter = send("POST", "/api/v1/artifacts", aliceKey, body);
    assertThat(submitter.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(submitter.body()).getString("error")).isEqualTo("forbidden");
    assertThat(send("POST", "/api/v1/artifacts", ADMIN_KEY, body).statusCode()).isEqualTo(201);
    assertThat(new JsonObject(send("GET", "/api/v1/artifacts/" + id, null, null).body()).getString("registered_by"))
        .isEqualTo("admin");

    assertThat(send("PUT", "/api/v1/artifacts/" + id + "/content", null, null).statusCode()).isEqualTo(401);
    assertThat(send("PUT", "/api/v1/artifacts/" + id + "/content", bobKey, null).statusCode()).isEqualTo(403);
  }

  @Test
  void referencesAreChecked() throws Exception {
    UUID mission = mission(ALICE);
    HttpResponse<String> noMission = send("POST", "/api/v1/artifacts", pipelineKey,
        artifact(UUID.randomUUID(), UUID.randomUUID(), "LIGHT_CURVE", "34".repeat(32), null).encode());
    assertThat(noMission.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(noMission.body()).getString("field")).isEqualTo("mission_id");

    UUID otherMissionsTask = task(mission(ALICE));
    HttpResponse<String> foreignTask = send("POST", "/api/v1/artifacts", pipelineKey,
        artifact(UUID.randomUUID(), mission, "RAW_FITS", "34".repeat(32), null)
            .put("task_id", otherMissionsTask.toString()).encode());
    assertThat(foreignTask.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(foreignTask.body()).getString("field")).isEqualTo("task_id");

    HttpResponse<String> badHash = send("POST", "/api/v1/artifacts", pipelineKey,
        artifact(UUID.randomUUID(), mission, "RAW_FITS", "xyz", null).encode());
    assertThat(badHash.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(badHash.body()).getString("field")).isEqualTo("sha256");

    assertThat(put(UUID.randomUUID(), pipelineKey, new byte[10]).statusCode()).isEqualTo(404);
  }

  @Test
  void rawFitsOfATaskIsRecordedAsTheTasksFitsPath() throws Exception {
    UUID mission = mission(ALICE);
    UUID task = task(mission);
    UUID id = UUID.randomUUID();
    String path = "s3://openastro-raw/" + mission + "/" + task + "/frame-0001.fits";
    HttpResponse<String> created = send("POST", "/api/v1/artifacts", pipelineKey,
        artifact(id, mission, "RAW_FITS", "56".repeat(32), null)
            .put("task_id", task.toString()).put("object_storage_path", path).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(new JsonObject(created.body()).getString("task_id")).isEqualTo(task.toString());

    Row taskRow = keyspace.session().execute(SimpleStatement.newInstance(
        "SELECT fits_object_storage_path FROM tasks WHERE task_id = ?", task)).one();
    assertThat(taskRow.getString("fits_object_storage_path")).isEqualTo(path);
    List<String> paths = keyspace.session().execute(SimpleStatement.newInstance(
        "SELECT path FROM task_fits_paths WHERE task_id = ?", task)).all().stream().map(r -> r.getString("path")).toList();
    assertThat(paths).containsExactly(path);
    // content registered elsewhere is not taken here
    HttpResponse<String> upload = put(id, pipelineKey, new byte[10]);
    assertThat(upload.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(upload.body()).getString("field")).isEqualTo("object_storage_path");
  }

  @Test
  void aRawFitsRegisteredLaterNeverReplacesThePathTheNodeReported() throws Exception {
    UUID mission = mission(ALICE);
    UUID task = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String reported = "node://frames/" + task + "/0001.fits";
    Await.result(tasks.create(new Task(task, mission, UUID.randomUUID(), 600, 300, TaskStatus.EXECUTING, now,
        now.plusSeconds(3600), reported, null, 50, now, now)));
    String registered = "s3://openastro-raw/" + task + "/0001.fits";
    HttpResponse<String> created = send("POST", "/api/v1/artifacts", pipelineKey,
        artifact(UUID.randomUUID(), mission, "RAW_FITS", "57".repeat(32), null)
            .put("task_id", task.toString()).put("object_storage_path", registered).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    assertThat(keyspace.session().execute(SimpleStatement.newInstance(
        "SELECT fits_object_storage_path FROM tasks WHERE task_id = ?", task)).one()
        .getString("fits_object_storage_path")).isEqualTo(reported);
    assertThat(keyspace.session().execute(SimpleStatement.newInstance(
        "SELECT path FROM task_fits_paths WHERE task_id = ?", task)).all().stream().map(r -> r.getString("path")))
        .contains(registered);
  }

  @Test
  void everyRouteIsAnOperationOfTheOpenApiDocument() {
    assertThat(ContractCoverage.undocumented(vertx, List.of(routes))).isEmpty();
    assertThat(ContractCoverage.unmounted(vertx, List.of(routes))).doesNotContain("registerArtifact", "getArtifact",
        "uploadArtifactContent", "downloadArtifactContent", "headArtifactContent", "listMissionArtifacts",
        "getArtifactTorrent");
  }

  static UUID task(UUID mission) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Await.result(tasks.create(new Task(id, mission, UUID.randomUUID(), 600, 0, TaskStatus.EXECUTING, now,
        now.plusSeconds(3600), null, null, 50, now, now)));
    return id;
  }

  static List<UUID> ids(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonArray("artifacts").stream()
        .map(o -> UUID.fromString(((JsonObject) o).getString("artifact_id"))).toList();
  }

  // ---- helpers ----

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

  static HttpResponse<String> put(UUID artifactId, String key, byte[] content) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/" + artifactId + "/content"))
        .header("authorization", "Bearer " + key)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> download(UUID artifactId, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/" + artifactId + "/content"));
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static UUID mission(String ownerKeyPrincipal) {
    UUID id = UUID.randomUUID();
    Await.result(missions.create(new Mission(id, 83.82, -5.39, ScienceCase.DEEP_STACK, 3600, 0, 50, null, null,
        MissionStatus.PENDING, null, 30, true, Set.of(), null, null, ownerKeyPrincipal,
        Instant.now().truncatedTo(ChronoUnit.MILLIS))));
    return id;
  }

  static JsonObject artifact(UUID id, UUID mission, String type, String sha, Instant publicAfter) {
    return new JsonObject().put("artifact_id", id.toString()).put("mission_id", mission.toString())
        .put("artifact_type", type).put("sha256", sha)
        .put("contributing_node_ids", new JsonArray().add(UUID.randomUUID().toString()))
        .put("public_after", publicAfter == null ? null : publicAfter.toString());
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  static List<Path> filesUnder(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
