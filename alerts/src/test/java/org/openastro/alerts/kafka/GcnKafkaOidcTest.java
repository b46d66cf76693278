package org.openastro.alerts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openastro.config.Config;

/**
 * The oidc settings drive the Kafka client's own OIDC client-credentials login: building the
 * consumer asks the token endpoint for a token with the client id and secret (a local stand-in
 * for auth.gcn.nasa.gov here), as GCN's brokers require.
 */
class GcnKafkaOidcTest {

  @Test
  void theConsumerLogsInWithClientCredentialsAtTheTokenEndpoint() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/token", exchange -> {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(exchange.getRequestMethod() + " " + URLDecoder.decode(form, StandardCharsets.UTF_8) + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ("{\"access_token\":\"" + jwt() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String tokenUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token";
      GcnKafkaConfig config = GcnKafkaConfig.from(Config.from(Map.of(
          "GCN_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
          "GCN_KAFKA_CLIENT_ID", "my-client",
          "GCN_KAFKA_CLIENT_SECRET", "my-secret",
          "GCN_KAFKA_TOKEN_URL", tokenUrl)));
      GcnKafkaConsumer consumer = GcnKafkaConsumer.create(config, (topic, body) -> org.openastro.alerts.NoticeOutcome.Kind.CREATED,
          new GcnKafkaMetrics(new SimpleMeterRegistry()), DeadLetters.none());
      // create() put the endpoint on the JVM's allowed list (Kafka 4 calls no other).
      assertThat(System.getProperty(GcnKafkaConfig.ALLOWED_URLS_PROPERTY)).contains(tokenUrl);
      assertThat(requests).hasSize(1);
      assertThat(requests.get(0)).startsWith("POST ").contains("grant_type=client_credentials")
          .endsWith("Basic " + Base64.getEncoder().encodeToString("my-client:my-secret".getBytes(StandardCharsets.UTF_8)));
      Thread thread = new Thread(consumer);
      thread.start();
      consumer.stop();
      assertThat(consumer.awaitFinished(Duration.ofSeconds(20))).isTrue();
    } finally {
      server.stop(0);
    }
  }

  /** An unsigned JWT with the claims the client checks (sub, exp, iat, scope). */
  static String jwt() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(("{\"sub\":\"my-client\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
        + ",\"scope\":\"gcn.nasa.gov/kafka-public-consumer\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + b64.encodeToString("sig".getBytes(StandardCharsets.UTF_8));
  }
}
