package org.openastro.gateway.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Collections;

/**
 * Start-up check of a PEM certificate and private key: both load, and the key is the certificate's
 * (a signature made with the key verifies with the certificate's public key). A mismatch would
 * otherwise start a listener on which every TLS handshake fails.
 */
final class TlsKeyPair {
  private TlsKeyPair() {}

  static void check(Vertx vertx, Path cert, Path key, String certSetting, String keySetting) {
    KeyStore store;
    javax.net.ssl.X509KeyManager keys;
    try {
      PemKeyCertOptions pem = new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
      store = pem.loadKeyStore(vertx);
      keys = (javax.net.ssl.X509KeyManager) pem.getKeyManagerFactory(vertx).getKeyManagers()[0];
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the TLS certificate " + certSetting + "=" + cert + " with key "
          + keySetting + "=" + key + ": " + e.getMessage(), e);
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        PrivateKey privateKey = keys.getPrivateKey(alias);
        Certificate certificate = keys.getCertificateChain(alias)[0];
        String algorithm = switch (privateKey.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
        if (algorithm == null) {
          return; // an algorithm we cannot test here: the handshake will tell
        }
        byte[] challenge = "openastro-tls-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        if (!verifier.verify(signature)) {
          throw new IllegalStateException(keySetting + "=" + key + " is not the private key of the certificate "
              + certSetting + "=" + cert + "; every TLS handshake would fail");
        }
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (java.security.InvalidKeyException e) {
      throw new IllegalStateException(keySetting + "=" + key + " does not fit the certificate " + certSetting + "="
          + cert + " (" + e.getMessage() + "); every TLS handshake would fail", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot check the TLS key pair " + certSetting + "=" + cert + ", " + keySetting
          + "=" + key + ": " + e.getMessage(), e);
    }
  }
}
