package org.openastro.bench.alerts;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The system's HTTP API on 127.0.0.1, as the benchmark's admin: posts with the admin key, anonymous reads. */
final class BenchHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String adminKey;

  BenchHttp(int port, String adminKey) {
    this.port = port;
    this.adminKey = adminKey;
  }

  /** The answer, whatever its status: the caller times it and judges it. */
  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
        .header("authorization", "Bearer " + adminKey).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@link #post}, expecting 201 Created. */
  JsonObject create(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> r = post(path, json);
    if (r.statusCode() != 201) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@link #get}, expecting 200. */
  JsonObject read(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
