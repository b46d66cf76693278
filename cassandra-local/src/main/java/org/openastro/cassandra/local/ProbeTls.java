package org.openastro.cassandra.local;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The probe's TLS to a node we launched: it trusts exactly the certificates in the node's own
 * keystore (no CA involved, no host name to check on loopback).
 */
final class ProbeTls {

  private ProbeTls() {
  }

  static SSLContext trustingKeystoreOf(NodeSecurity security) {
    Path path = security.tlsKeystore();
    try {
      KeyStore keystore = KeyStore.getInstance(path.toFile(), security.tlsKeystorePassword().toCharArray());
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      for (String alias : Collections.list(keystore.aliases())) {
        Certificate certificate = keystore.getCertificate(alias);
        if (certificate != null) {
          trusted.setCertificateEntry(alias, certificate);
        }
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new LocalNodeException("Cannot read the node's TLS keystore " + path
          + " (a PKCS12 file with the password given to withClientTls): " + e.getMessage(), e);
    }
  }
}
