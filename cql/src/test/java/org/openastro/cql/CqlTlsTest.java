package org.openastro.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.cassandra.local.LocalTlsKeystore;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/** The trust store settings, without a node: every format we document, and every mistake named. */
class CqlTlsTest {
  @TempDir
  static Path dir;
  static LocalTlsKeystore keys;
  static Certificate certificate;

  @BeforeAll
  static void certificate() throws Exception {
    keys = LocalTlsKeystore.create(dir, "ca", Duration.ofDays(1));
    try (InputStream in = Files.newInputStream(keys.certificatePem())) {
      certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void tlsIsOffByDefault() {
    assertThat(CqlTls.engineFactory(Config.from(Map.of()))).isEmpty();
  }

  @Test
  void aPemFileOfCertificatesIsTrustedWithNoPassword() throws Exception {
    // Text around the blocks, as `openssl x509 -text` or a bundle leaves it, is ignored.
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(bundle, "subject=CN=ca\n" + Files.readString(keys.certificatePem()) + "\n"
        + Files.readString(keys.certificatePem()));
    KeyStore store = TrustStores.load(bundle, null);

    assertThat(store.size()).isEqualTo(2);
    assertThat(store.getCertificate("ca-0")).isEqualTo(certificate);
    assertThat(CqlTls.engineFactory(Config.from(Map.of("CASSANDRA_TLS", "true",
        "CASSANDRA_TLS_TRUSTSTORE_PATH", bundle.toString())))).isPresent();
  }

  @Test
  void pkcs12AndJksTrustStoresOpenWithTheirPassword() throws Exception {
    for (String type : new String[] {"PKCS12", "JKS"}) {
      Path path = dir.resolve("trust." + type.toLowerCase());
      KeyStore written = KeyStore.getInstance(type);
      written.load(null, null);
      written.setCertificateEntry("ca", certificate);
      try (OutputStream out = Files.newOutputStream(path)) {
        written.store(out, "trust-pw".toCharArray());
      }

      assertThat(TrustStores.load(path, "trust-pw").getCertificate("ca")).as(type).isEqualTo(certificate);
      assertThatThrownBy(() -> TrustStores.load(path, "wrong"))
          .as(type)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("CASSANDRA_TLS_TRUSTSTORE_PATH='" + path + "'")
          .hasMessageContaining("CASSANDRA_TLS_TRUSTSTORE_PASSWORD")
          .hasMessageNotContaining("wrong");
    }
  }

  @Test
  void mistakesAreNamed() throws Exception {
    assertThatThrownBy(() -> CqlTls.engineFactory(Config.from(Map.of("CASSANDRA_TLS", "true",
            "CASSANDRA_TLS_TRUSTSTORE_PATH", dir.resolve("missing.pem").toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CASSANDRA_TLS_TRUSTSTORE_PATH")
        .hasMessageContaining("cannot be read");
    Path garbage = Files.writeString(dir.resolve("garbage.txt"), "not a certificate");
    assertThatThrownBy(() -> TrustStores.load(garbage, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("neither a PEM file");
    // A trust store without TLS would be silently ignored: refused instead.
    assertThatThrownBy(() -> CqlTls.engineFactory(Config.from(Map.of(
            "CASSANDRA_TLS_TRUSTSTORE_PATH", keys.certificatePem().toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CASSANDRA_TLS is false");
  }
}
