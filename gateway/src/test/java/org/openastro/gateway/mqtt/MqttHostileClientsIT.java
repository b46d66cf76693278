package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.micrometer.core.instrument.Counter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openastro.api.auth.Secrets;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.gateway.mqtt.GatewayFixture.Registered;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Clients that misbehave at connect time (leaving early, sending anything but a CONNECT first,
 * trickling bytes), and a TLS key that does not fit its certificate.
 */
@ExtendWith(CassandraExtension.class)
class MqttHostileClientsIT {
  static TestKeyspace keyspace;
  static GatewayFixture gw;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "gwhostile");
    // A slow bcrypt: the client is gone before its refusal is ready. A short connect timeout: the
    // clients that never complete a CONNECT are closed within the test's patience.
    gw = new GatewayFixture(keyspace.session(), Map.of("AUTH_BCRYPT_COST", "12", "MQTT_CONNECT_TIMEOUT", "1s"));
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

  static double rejected(String reason) {
    return gw.counter("openastro.mqtt.connections.rejected", "reason", reason);
  }

  static double rejectedForAnyReason() {
    return gw.registry.find("openastro.mqtt.connections.rejected").counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  /** Bytes the server sent until it closed the connection; fails if it keeps it open 10 s. */
  static int bytesUntilClosed(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    int answered = 0;
    try {
      while (socket.getInputStream().read() != -1) {
        answered++;
      }
    } catch (SocketException reset) {
      // closed with our bytes unread: a reset instead of an end of stream
    }
    return answered;
  }

  static Stream<Arguments> notAConnect() {
    return Stream.of(
        Arguments.of("an HTTP request", "GET / HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "malformed_connect"),
        // a TLS client on the plain port: record type handshake, version 3.1, then its hello
        Arguments.of("a TLS ClientHello", new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xF1, 0x01, 0x00, 0x00, (byte) 0xED},
            "malformed_connect"),
        Arguments.of("a PINGREQ before any CONNECT", new byte[] {(byte) 0xC0, 0x00}, "packet_before_connect"),
        // a CONNECT announcing 100 bytes that never come
        Arguments.of("a CONNECT cut short", new byte[] {0x10, 0x64, 0x00, 0x04, 'M', 'Q'}, "connect_timeout"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notAConnect")
  void whatIsNotAConnectIsClosedWithoutAnAnswerAndCounted(String what, byte[] bytes, String reason) throws Exception {
    double before = rejected(reason);
    try (Socket socket = new Socket("127.0.0.1", gw.mqttPort())) {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      assertThat(bytesUntilClosed(socket)).as("bytes the gateway answered to %s", what).isZero();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> rejected(reason) >= before + 1);
  }

  @Test
  void aClientTricklingBytesIsClosedAtTheConnectTimeoutAsIfSilent() throws Exception {
    double before = rejected("connect_timeout");
    try (Socket socket = new Socket("127.0.0.1", gw.mqttPort())) {
      OutputStream out = socket.getOutputStream();
      // a CONNECT of 100 bytes, well-formed as far as it goes, then its client id a byte at a time
      out.write(new byte[] {0x10, 0x64, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, (byte) 0xC2, 0x00, 0x3C, 0x00, 0x24});
      socket.setSoTimeout(200);
      // a read-idle timeout (vertx-mqtt's own) would never fire: a byte arrives every 200 ms
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> {
        try {
          out.write('a');
          return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
          return false;
        } catch (SocketException closed) {
          return true;
        }
      });
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> rejected("connect_timeout") >= before + 1);
  }

  @Test
  void aConnectOfAProtocolLevelWeDoNotSpeakIsAnsweredAndCounted() throws Exception {
    double before = gw.counter("openastro.mqtt.connects.refused", "reason", "protocol_version");
    try (Socket socket = new Socket("127.0.0.1", gw.mqttPort())) {
      // protocol name "MQTT", level 9: the decoder refuses it, vertx-mqtt answers CONNACK 0x01
      socket.getOutputStream().write(new byte[] {0x10, 0x0C, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x09, 0x02, 0x00, 0x3C,
          0x00, 0x00});
      assertThat(bytesUntilClosed(socket)).as("the CONNACK's bytes").isEqualTo(4);
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> gw.counter("openastro.mqtt.connects.refused", "reason", "protocol_version") >= before + 1);
  }

  @Test
  void anHonestNodeIsServedWhileNoiseArrivesOnTheSamePort() throws Exception {
    Registered node = gw.register();
    double before = rejectedForAnyReason();
    Random random = new Random(16);
    List<Socket> noisy = new ArrayList<>();
    Mqtt5BlockingClient client = gw.mqtt5(node);
    try {
      for (int i = 0; i < 20; i++) {
        byte[] noise = new byte[64];
        random.nextBytes(noise);
        noise[0] = (byte) (0x20 | (noise[0] & 0x0F)); // never a CONNECT's first byte
        Socket socket = new Socket("127.0.0.1", gw.mqttPort());
        noisy.add(socket);
        socket.getOutputStream().write(noise);
      }
      client.connectWith().simpleAuth().username(node.nodeId().toString())
          .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
      Mqtt5PublishResult result = client.publishWith().topic("openastro/v1/nodes/" + node.nodeId() + "/heartbeat")
          .qos(MqttQos.AT_LEAST_ONCE).send();
      assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode())
          .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
      // every noisy connection closed and counted, whatever its bytes decoded as
      await().atMost(Duration.ofSeconds(10)).until(() -> rejectedForAnyReason() >= before + 20);
      assertThat(client.getState().isConnected()).as("the honest node's session").isTrue();
    } finally {
      client.disconnect();
      for (Socket socket : noisy) {
        socket.close();
      }
    }
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
      // plain MQTT on the TLS port: the handshake fails, the connection closes, and it is counted
      try (Socket socket = new Socket("127.0.0.1", tls.mqtt.actualTlsPort())) {
        socket.getOutputStream().write(connect311("c", "u", "p"));
        assertThat(bytesUntilClosed(socket)).isZero();
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> tls.counter("openastro.mqtt.connections.rejected", "reason", "connection_error") >= 1);
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
