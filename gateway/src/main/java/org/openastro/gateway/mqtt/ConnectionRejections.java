package org.openastro.gateway.mqtt;

import java.util.Locale;
import org.openastro.gateway.ingest.IngestMetrics;

/**
 * Counts MQTT connections closed before they had a session, by a closed set of reasons, so a
 * scanner or a misconfigured client shows in {@code /metrics} without a label per byte it sent.
 */
final class ConnectionRejections {
  static final String METRIC = "openastro.mqtt.connections.rejected";

  enum Reason {
    /** The first packet does not decode as MQTT (an HTTP request, a TLS hello, noise), a CONNECT included. */
    MALFORMED_CONNECT,
    /** A well-formed packet other than CONNECT came first. */
    PACKET_BEFORE_CONNECT,
    /** No complete CONNECT within MQTT_CONNECT_TIMEOUT of the connection opening, trickled bytes or not. */
    CONNECT_TIMEOUT,
    /** An I/O or TLS handshake error before a session. */
    CONNECTION_ERROR;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final IngestMetrics metrics;

  ConnectionRejections(IngestMetrics metrics) {
    this.metrics = metrics;
  }

  void count(Reason reason) {
    metrics.count(METRIC, "reason", reason.tag(),
        "MQTT connections closed before a session, by reason");
  }

  /**
   * A CONNECT of a protocol level we do not speak: vertx-mqtt answers it (CONNACK 0x01) without
   * handing it to us, so it is counted here, as the session counts the levels it refuses itself.
   */
  void protocolVersionRefused() {
    metrics.count("openastro.mqtt.connects.refused", "reason", "protocol_version", "MQTT CONNECTs refused, by reason");
  }
}
