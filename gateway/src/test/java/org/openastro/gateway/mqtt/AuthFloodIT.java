package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.auth.Secrets;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.gateway.mqtt.GatewayFixture.Registered;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Hostile authentication: a flood of well-formed wrong secrets for one node id must not starve the
 * honest nodes' first (uncached) CONNECTs, and failures are limited before bcrypt runs.
 */
@ExtendWith(CassandraExtension.class)
class AuthFloodIT {
  static TestKeyspace keyspace;
  static GatewayFixture gw;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "gwauthflood");
    // Real bcrypt cost and a small pending bound: a flood saturates it quickly when nothing limits it.
    gw = new GatewayFixture(keyspace.session(), Map.of("AUTH_BCRYPT_COST", "10", "AUTH_MAX_PENDING", "64",
        "MQTT_INSTANCES", "2"));
  }

  @AfterAll
  static void stop() {
    gw.close();
    keyspace.close();
  }

  static Mqtt5AsyncClient client(UUID id, String localAddress) {
    return Mqtt5Client.builder().identifier(id.toString()).serverHost("127.0.0.1").serverPort(gw.mqttPort())
        .transportConfig().localAddress(localAddress).applyTransportConfig().buildAsync();
  }

  static CompletableFuture<Mqtt5ConnAck> connect(Mqtt5AsyncClient client, UUID id, String secret) {
    return client.connectWith().simpleAuth().username(id.toString())
        .password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
  }

  @Test
  void aFloodOfWrongSecretsForOneNodeIdDoesNotStarveHonestFirstConnects() throws Exception {
    Registered victim = gw.register();
    List<Registered> honest = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      honest.add(gw.register());
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger attempts = new AtomicInteger();
    List<Mqtt5AsyncClient> attackers = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      Mqtt5AsyncClient attacker = client(victim.nodeId(), "127.0.0.2");
      attackers.add(attacker);
      attack(attacker, victim.nodeId(), stop, attempts);
    }
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> attempts.get() >= 1200);
      List<CompletableFuture<Mqtt5ConnAck>> connects = new ArrayList<>();
      List<Mqtt5AsyncClient> clients = new ArrayList<>();
      for (Registered node : honest) {
        Mqtt5AsyncClient c = client(node.nodeId(), "127.0.0.1");
        clients.add(c);
        connects.add(connect(c, node.nodeId(), node.secret()).exceptionally(e -> null));
      }
      int accepted = 0;
      for (CompletableFuture<Mqtt5ConnAck> f : connects) {
        Mqtt5ConnAck ack = f.get(60, TimeUnit.SECONDS);
        if (ack != null && ack.getReasonCode() == Mqtt5ConnAckReasonCode.SUCCESS) {
          accepted++;
        }
      }
      assertThat(accepted).as("honest uncached CONNECTs accepted during the flood").isEqualTo(20);
      assertThat(gw.registry.find("openastro.auth.limited").counters().stream().mapToDouble(c -> c.count()).sum())
          .isPositive();
      clients.forEach(c -> c.disconnect().exceptionally(e -> null));
    } finally {
      stop.set(true);
    }
  }

  /** Connects with a fresh wrong (well-formed) secret, again and again until stopped. */
  private static void attack(Mqtt5AsyncClient attacker, UUID id, AtomicBoolean stop, AtomicInteger attempts) {
    if (stop.get()) {
      return;
    }
    connect(attacker, id, Secrets.newSecret(id)).whenComplete((ack, e) -> {
      attempts.incrementAndGet();
      attack(attacker, id, stop, attempts);
    });
  }

  @Test
  void pastTheFailureLimitMqttIsRefusedWithoutACheckAndHttpGets429() throws Exception {
    Registered node = gw.register();
    String wrong = Secrets.newSecret(node.nodeId());
    for (int i = 0; i < 10; i++) { // AUTH_NODE_FAILURE_BURST
      assertThat(gw.send("POST", "/api/v1/nodes/" + node.nodeId() + "/heartbeat", "{}", wrong).statusCode())
          .isEqualTo(401);
    }
    HttpResponse<String> limited = gw.send("POST", "/api/v1/nodes/" + node.nodeId() + "/heartbeat", "{}", wrong);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).isPresent();
    assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 30L);
    assertThat(limited.body()).contains("too_many_requests").doesNotContain("Exception");

    try {
      connect(client(node.nodeId(), "127.0.0.1"), node.nodeId(), node.secret()).get(10, TimeUnit.SECONDS);
      throw new AssertionError("CONNECT past the limit was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
          c -> assertThat(c.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SERVER_BUSY));
    }
    try {
      Mqtt3Client.builder().identifier(node.nodeId().toString()).serverHost("127.0.0.1").serverPort(gw.mqttPort())
          .buildBlocking().connectWith().simpleAuth().username(node.nodeId().toString())
          .password(wrong.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
      throw new AssertionError("CONNECT past the limit was accepted");
    } catch (Mqtt3ConnAckException e) {
      assertThat(e.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }
    assertThat(gw.counter("openastro.auth.limited", "limit", "node_failures")).isGreaterThanOrEqualTo(3);
  }
}
