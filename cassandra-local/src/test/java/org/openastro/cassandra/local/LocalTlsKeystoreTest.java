package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTlsKeystoreTest {

  @Test
  void keytoolMakesAKeystoreAndAPemCertificateNamingTheLoopbackHosts(@TempDir Path dir) throws Exception {
    LocalTlsKeystore made = LocalTlsKeystore.create(dir, "node", Duration.ofDays(2));

    KeyStore keystore = KeyStore.getInstance(made.keystore().toFile(), made.password().toCharArray());
    assertThat(keystore.isKeyEntry(LocalTlsKeystore.ALIAS)).isTrue();
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(made.certificatePem())) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertThat(certificate).isEqualTo(keystore.getCertificate(LocalTlsKeystore.ALIAS));
    List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
    assertThat(names).contains("localhost", "127.0.0.1", "127.0.0.3");
    assertThat(made.toString()).doesNotContain(made.password());

    // The probe trusts that certificate, and says which file it could not read.
    NodeSecurity security = NodeSecurity.NONE.withClientTls(made.keystore(), made.password());
    assertThat(ProbeTls.trustingKeystoreOf(security).getProtocol()).isEqualTo("TLS");
    assertThatThrownBy(() -> ProbeTls.trustingKeystoreOf(NodeSecurity.NONE.withClientTls(made.keystore(), "wrong")))
        .isInstanceOf(LocalNodeException.class)
        .hasMessageContaining(made.keystore().toString());
  }

  @Test
  void keytoolFailureSaysWhatKeytoolSaid(@TempDir Path dir) {
    assertThatThrownBy(() -> LocalTlsKeystore.create(dir.resolve("missing"), "node", Duration.ofDays(1)))
        .isInstanceOf(LocalNodeException.class)
        .hasMessageContaining("keytool failed");
    assertThat(List.of(dir.toFile().list())).isEmpty();
  }
}
