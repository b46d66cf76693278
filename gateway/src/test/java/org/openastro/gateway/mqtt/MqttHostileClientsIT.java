package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.auth.Secrets;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.gateway.mqtt.GatewayFixture.Registered;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** Clients that misbehave at connect time, and a TLS key that does not fit its certificate. */
@ExtendWith(CassandraExtension.class)
class MqttHostileClientsIT {
  static TestKeyspace keyspace;
  static GatewayFixture gw;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "gwhostile");
    // A slow bcrypt: the client is gone before its refusal is ready.
    gw = new GatewayFixture(keyspace.session(), Map.of("AUTH_BCRYPT_COST", "12"));
  }

  @AfterAll
  static void stop() {
    gw.close();
    keyspace.close();
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(MqttHostileClientsIT.class.getResource("/tls/" + name).toURI());
  }

  @Test
  void aClientThatLeavesBeforeItsRefusalIsCountedQuietly() throws Exception {
    Registered node = gw.register();
    String id = node.nodeId().toString();
    try (Socket socket = new Socket("127.0.0.1", gw.mqttPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(connect311(id, id, Secrets.newSecret(node.nodeId())));
      out.flush();
    } // closed at once, while bcrypt still runs
    await().atMost(Duration.ofSeconds(10))
        .until(() -> gw.counter("openastro.mqtt.connects.abandoned", "reason", "bad_credentials") >= 1);
  }

  @Test
  void aTlsKeyThatIsNotTheCertificatesFailsTheStartWithAClearMessage() throws Exception {
    Map<String, String> mismatched = Map.of("MQTT_TLS_PORT", "0",
        "MQTT_TLS_CERT_PATH", resource("a-cert.pem").toString(), "MQTT_TLS_KEY_PATH", resource("b-key.pem").toString());
    assertThatThrownBy(() -> new GatewayFixture(keyspace.session(), mismatched))
        .hasStackTraceContaining("MQTT_TLS_KEY_PATH").hasStackTraceContaining("not the private key of the certificate");

    Map<String, String> matching = Map.of("MQTT_TLS_PORT", "0",
        "MQTT_TLS_CERT_PATH", resource("a-cert.pem").toString(), "MQTT_TLS_KEY_PATH", resource("a-key.pem").toString());
    try (GatewayFixture tls = new GatewayFixture(keyspace.session(), matching)) {
      assertThat(tls.mqttPort()).isPositive();
    }
  }

  /** An MQTT 3.1.1 CONNECT with user name and password, clean session. */
  static byte[] connect311(String clientId, String user, String password) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(4);
    body.write(0xC2);
    body.write(0);
    body.write(60);
    writeString(body, clientId);
    writeString(body, user);
    writeString(body, password);
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(0x10);
    int length = body.size();
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.writeBytes(body.toByteArray());
    return packet.toByteArray();
  }

  static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xFF);
    out.writeBytes(b);
  }
}
