package org.openastro.bench.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The measured path: the product through the system's artifact API, as a pipeline uploads it and a
 * user downloads it. The request bodies stream from and to disk (the JDK client reads the file as it
 * sends it); the clock covers the content request only, not the registration before it.
 */
final class GatewayTransfer {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final String adminKey;
  private String missionId;

  GatewayTransfer(int port, String adminKey) {
    this.base = "http://127.0.0.1:" + port;
    this.adminKey = adminKey;
  }

  /** A new artifact (of one mission made for the benchmark) registered with the file's SHA-256; returns its id. */
  String register(TransferFile file) throws IOException, InterruptedException {
    if (missionId == null) {
      Instant now = Instant.now();
      missionId = created("/api/v1/missions", new JsonObject().put("target_ra", 83.82).put("target_dec", -5.39)
          .put("science_case", "DEEP_STACK").put("priority", 50).put("total_exposure_required_s", 3600)
          .put("time_constraint_start", now.toString())
          .put("time_constraint_end", now.plus(Duration.ofDays(7)).toString())).getString("mission_id");
    }
    String id = UUID.randomUUID().toString();
    created("/api/v1/artifacts", new JsonObject().put("artifact_id", id).put("mission_id", missionId)
        .put("artifact_type", "STACKED_FITS").put("sha256", file.sha256())
        .put("contributing_node_ids", new JsonArray().add(UUID.randomUUID().toString())));
    return id;
  }

  /** {@code PUT .../content} from the file on disk; returns the nanoseconds until the 201. */
  long upload(TransferFile file, String id) throws IOException, InterruptedException {
    HttpRequest put = authorized(content(id)).PUT(HttpRequest.BodyPublishers.ofFile(file.path())).build();
    long t0 = System.nanoTime();
    HttpResponse<String> r = http.send(put, HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - t0;
    if (r.statusCode() != 201) {
      throw new IllegalStateException("PUT content answered " + r.statusCode() + ": " + r.body());
    }
    return took;
  }

  /** {@code GET .../content} read to its end (hashed, then discarded); returns the nanoseconds it took. */
  long download(TransferFile file, String id) throws IOException, InterruptedException {
    // as the admin: the artifact is under its mission's embargo, which the admin may read through
    HttpRequest get = authorized(content(id)).GET().build();
    long t0 = System.nanoTime();
    HttpResponse<InputStream> r = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET content answered " + r.statusCode() + ": " + new String(in.readAllBytes()));
      }
      file.drainVerifying(in, "GET content of " + id);
    }
    return System.nanoTime() - t0;
  }

  private JsonObject created(String path, JsonObject body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(authorized(URI.create(base + path)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  private URI content(String id) {
    return URI.create(base + "/api/v1/artifacts/" + id + "/content");
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri).header("authorization", "Bearer " + adminKey);
  }
}
