package org.openastro.cql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import org.openastro.config.ConfigException;

/**
 * Reads {@code CASSANDRA_TLS_TRUSTSTORE_PATH}: a PEM file of CA certificates (what cert-manager and
 * most operators hand out as {@code ca.crt}) or a PKCS12/JKS trust store (what Cassandra's own
 * documentation has clients build with keytool). The content says which, not the file name.
 */
final class TrustStores {
  private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

  private TrustStores() {}

  static KeyStore load(Path path, String password) {
    byte[] content;
    try {
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ConfigException(CassandraSettings.TLS_TRUSTSTORE_PATH.name() + "='" + path + "' cannot be read: "
          + e, e);
    }
    try {
      return isPem(content) ? fromPem(path, content) : fromStore(path, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(CassandraSettings.TLS_TRUSTSTORE_PATH.name() + "='" + path + "' is neither a PEM file"
          + " of certificates nor a PKCS12/JKS trust store that opens with "
          + CassandraSettings.TLS_TRUSTSTORE_PASSWORD.name() + ": " + e.getMessage(), e);
    }
  }

  private static boolean isPem(byte[] content) {
    return new String(content, StandardCharsets.US_ASCII).contains(PEM_CERTIFICATE);
  }

  private static KeyStore fromPem(Path path, byte[] content) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(content));
    if (certificates.isEmpty()) {
      throw new ConfigException(CassandraSettings.TLS_TRUSTSTORE_PATH.name() + "='" + path + "' holds no certificate");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int n = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + n++, certificate);
    }
    return store;
  }

  /** The JDK tells PKCS12 from JKS by their content. */
  private static KeyStore fromStore(Path path, String password) throws IOException, GeneralSecurityException {
    return KeyStore.getInstance(path.toFile(), password == null ? null : password.toCharArray());
  }
}
