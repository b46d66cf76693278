package org.openastro.chaos;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway or a scheduler: the run command's jar ({@code app/target/openastro.jar}) in its own JVM
 * with its own HTTP (and, for a gateway, MQTT) port and Hazelcast port, joined to the others. It is
 * restarted on the same ports, as Kubernetes would restart a pod behind the same Service.
 */
final class ServerProcess {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** What Hazelcast asks for on Java 17 (its start-up warning lists these), and a small heap. */
  private static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC",
      "-XX:+ExitOnOutOfMemoryError",
      "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  final String name;
  final String role;
  final int httpPort;
  final int mqttPort;
  final int clusterPort;
  private final ChildJvm jvm;

  ServerProcess(String name, String role, int httpPort, int mqttPort, int clusterPort, Path appJar,
      Map<String, String> common, Path logDir) {
    this.name = name;
    this.role = role;
    this.httpPort = httpPort;
    this.mqttPort = mqttPort;
    this.clusterPort = clusterPort;
    Map<String, String> env = new HashMap<>(common);
    env.put("PROCESS_ROLES", role);
    env.put("HTTP_PORT", Integer.toString(httpPort));
    env.put("MQTT_PORT", Integer.toString(mqttPort));
    env.put("CLUSTER_PORT", Integer.toString(clusterPort));
    this.jvm = new ChildJvm(name, appJar, JVM_FLAGS, List.of(), env, logDir.resolve(name + ".log"));
  }

  void start() throws IOException {
    jvm.start();
  }

  void kill() throws InterruptedException {
    jvm.kill();
  }

  void stop() throws InterruptedException {
    jvm.stop(30);
  }

  boolean alive() {
    return jvm.alive();
  }

  Path log() {
    return jvm.log();
  }

  /** Ready: Cassandra answers and the process is an active member of a cluster of {@code members}. */
  boolean ready(int members) {
    try {
      HttpResponse<String> r = get("/health/ready");
      if (r.statusCode() != 200) {
        return false;
      }
      JsonObject cluster = new JsonObject(r.body()).getJsonObject("checks").getJsonObject("cluster");
      return cluster != null && cluster.getInteger("members", 0) >= members;
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String bearer, String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .header("content-type", "application/json").header("authorization", "Bearer " + bearer)
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code host:httpPort:mqttPort}, as the simulator's {@code --gateways} takes it. */
  String simulatorAddress() {
    return "127.0.0.1:" + httpPort + ":" + mqttPort;
  }

  @Override
  public String toString() {
    return name + " " + jvm;
  }
}
