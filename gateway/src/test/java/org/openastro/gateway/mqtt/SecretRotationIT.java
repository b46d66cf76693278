package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.mqtt.GatewayFixture.Registered;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** A rotated secret ends the sessions opened with the old one, on this gateway and (by event) on every other. */
@ExtendWith(CassandraExtension.class)
class SecretRotationIT {
  static TestKeyspace keyspace;
  static GatewayFixture gw;
  /** Nodes whose MQTT session this gateway has filed (it announces each on NODE_CONNECTION). */
  static final Set<String> FILED = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "gwrotation");
    gw = new GatewayFixture(keyspace.session(), Map.of());
    gw.vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_CONNECTION, m -> {
      if (m.body().getBoolean("connected", false)) {
        FILED.add(m.body().getString("node_id"));
      }
    });
  }

  @AfterAll
  static void stop() {
    gw.close();
    keyspace.close();
  }

  static Mqtt5BlockingClient connected(Registered node, AtomicReference<Throwable> disconnectCause) {
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(node.nodeId().toString())
        .serverHost("127.0.0.1").serverPort(gw.mqttPort())
        .addDisconnectedListener(c -> disconnectCause.compareAndSet(null, c.getCause()))
        .buildBlocking();
    client.connectWith().simpleAuth().username(node.nodeId().toString())
        .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    // The CONNACK can reach the client a moment before the gateway has filed the session; a
    // rotation comes later than that in life, so the tests wait for it.
    await().atMost(Duration.ofSeconds(30)).until(() -> FILED.contains(node.nodeId().toString()));
    return client;
  }

  static void assertClosedAsNotAuthorized(AtomicReference<Throwable> cause) {
    await().atMost(Duration.ofSeconds(30)).until(() -> cause.get() != null);
    assertThat(cause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e ->
        assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED));
  }

  @Test
  void rotationClosesTheLiveSessionOpenedWithTheOldSecret() throws Exception {
    Registered node = gw.register();
    AtomicReference<Throwable> cause = new AtomicReference<>();
    Mqtt5BlockingClient client = connected(node, cause);
    assertThat(client.getState().isConnected()).isTrue();

    HttpResponse<String> rotated = gw.send("POST", "/api/v1/nodes/" + node.nodeId() + "/secret", null, node.secret());
    assertThat(rotated.statusCode()).isEqualTo(200);
    String newSecret = new JsonObject(rotated.body()).getString("secret");

    assertClosedAsNotAuthorized(cause);
    assertThat(gw.counter("openastro.mqtt.sessions.closed", "reason", "secret_rotated")).isGreaterThanOrEqualTo(1);
    assertThatThrownBy(() -> connected(node, new AtomicReference<>())).isInstanceOf(Mqtt5ConnAckException.class);
    Mqtt5BlockingClient again = connected(new Registered(node.nodeId(), newSecret), new AtomicReference<>());
    assertThat(again.getState().isConnected()).isTrue();
    again.disconnect();
  }

  @Test
  void theRotationEventFromAnotherGatewayClosesTheSessionHere() throws Exception {
    Registered node = gw.register();
    AtomicReference<Throwable> cause = new AtomicReference<>();
    connected(node, cause);
    // What the gateway that served the rotation publishes (clustered: it reaches every process).
    gw.vertx.eventBus().publish(EventAddresses.NODE_SECRET_ROTATED,
        new JsonObject().put("node_id", node.nodeId().toString()).put("rotated_at", Instant.now().toString()));
    assertClosedAsNotAuthorized(cause);
  }
}
