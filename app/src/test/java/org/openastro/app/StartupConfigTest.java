package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/** A bad setting stops start-up before anything is launched, naming the variable. */
class StartupConfigTest {
  @Test
  void badKeyspaceNameIsNamed() {
    assertThatThrownBy(() -> OpenAstroSystem.start(Config.from(Map.of("CASSANDRA_KEYSPACE", "Drop Table"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CASSANDRA_KEYSPACE");
  }

  @Test
  void badReplicationIsNamed() {
    assertThatThrownBy(() -> OpenAstroSystem.start(Config.from(Map.of("CASSANDRA_REPLICATION", "Simple:3"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CASSANDRA_REPLICATION");
  }

  @Test
  void badHttpPortIsNamed() {
    assertThatThrownBy(() -> OpenAstroSystem.start(Config.from(Map.of("HTTP_PORT", "http"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HTTP_PORT");
  }

  @Test
  void aTlsCertificateWithoutItsKeyIsNamedBeforeAnythingStarts() {
    assertThatThrownBy(() -> OpenAstroSystem.start(Config.from(Map.of("HTTP_TLS_CERT_PATH", "/no/such/cert.pem"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HTTP_TLS_KEY_PATH is not");
    assertThatThrownBy(() -> OpenAstroSystem.start(Config.from(Map.of("MQTT_TLS_KEY_PATH", "/no/such/key.pem"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MQTT_TLS_CERT_PATH is not");
  }
}
