package org.openastro.api.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;
import org.openastro.config.Parsers;
import org.openastro.config.Setting;

class PemKeyPairTest {
  static final Setting<Path> CERT = Setting.of("X_TLS_CERT_PATH", null, "certificate", Parsers.path());
  static final Setting<Path> KEY = Setting.of("X_TLS_KEY_PATH", null, "key", Parsers.path());
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  static String resource(String name) throws URISyntaxException {
    return Path.of(PemKeyPairTest.class.getResource("/tls/" + name).toURI()).toString();
  }

  static PemKeyPair pair(Map<String, String> settings) {
    return PemKeyPair.from(Config.from(settings), CERT, KEY);
  }

  @Test
  void neitherSettingMeansNoTls() {
    assertThat(pair(Map.of())).isNull();
  }

  @Test
  void oneSettingWithoutTheOtherFailsNamingTheMissingOne() throws Exception {
    assertThatThrownBy(() -> pair(Map.of("X_TLS_CERT_PATH", resource("a-cert.pem"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("X_TLS_KEY_PATH is not");
    assertThatThrownBy(() -> pair(Map.of("X_TLS_KEY_PATH", resource("a-key.pem"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("X_TLS_CERT_PATH is not");
  }

  @Test
  void aKeyThatIsNotTheCertificatesFailsNamingTheKeySetting() throws Exception {
    PemKeyPair mismatched = pair(Map.of("X_TLS_CERT_PATH", resource("a-cert.pem"), "X_TLS_KEY_PATH",
        resource("b-key.pem")));
    assertThatThrownBy(() -> mismatched.check(vertx)).hasMessageContaining("X_TLS_KEY_PATH=")
        .hasMessageContaining("not the private key of the certificate X_TLS_CERT_PATH=");

    pair(Map.of("X_TLS_CERT_PATH", resource("a-cert.pem"), "X_TLS_KEY_PATH", resource("a-key.pem"))).check(vertx);
  }

  @Test
  void aFileThatIsNoPemFailsNamingBothSettings() throws Exception {
    PemKeyPair swapped = pair(Map.of("X_TLS_CERT_PATH", resource("a-key.pem"), "X_TLS_KEY_PATH",
        resource("a-cert.pem")));
    assertThatThrownBy(() -> swapped.check(vertx)).hasMessageContaining("X_TLS_CERT_PATH=")
        .hasMessageContaining("X_TLS_KEY_PATH=");
  }
}
