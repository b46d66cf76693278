package org.openastro.api.tls;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.X509KeyManager;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;
import org.openastro.config.Setting;

/**
 * A listener's PEM certificate chain and private key, from a pair of settings (the HTTP API's and
 * the MQTT TLS listener's), with the start-up check both listeners need: the two files load and
 * the key is the certificate's. Without it a listener would start and fail every TLS handshake,
 * which the operator learns from clients, not from the log.
 */
public record PemKeyPair(Path cert, Path key, String certSetting, String keySetting) {

  /**
   * The pair the settings name; null when neither is set (no TLS). Only one of the two set is a
   * deployment mistake (a forgotten Secret key, a typo in a variable name), so it fails naming the
   * missing one rather than quietly serving without TLS.
   */
  public static PemKeyPair from(Config config, Setting<Path> certSetting, Setting<Path> keySetting) {
    Path cert = config.get(certSetting);
    Path key = config.get(keySetting);
    if (cert == null && key == null) {
      return null;
    }
    if (key == null) {
      throw new ConfigException(certSetting + " is set but " + keySetting + " is not: TLS needs both");
    }
    if (cert == null) {
      throw new ConfigException(keySetting + " is set but " + certSetting + " is not: TLS needs both");
    }
    return new PemKeyPair(cert, key, certSetting.name(), keySetting.name());
  }

  /** The pair as Vert.x server options. */
  public PemKeyCertOptions options() {
    return new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
  }

  /**
   * Both files load and the key is the certificate's (a signature made with the key verifies with
   * the certificate's public key); else an IllegalStateException naming the settings.
   */
  public void check(Vertx vertx) {
    KeyStore store;
    X509KeyManager keys;
    try {
      PemKeyCertOptions pem = options();
      store = pem.loadKeyStore(vertx);
      keys = (X509KeyManager) pem.getKeyManagerFactory(vertx).getKeyManagers()[0];
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the TLS certificate " + certSetting + "=" + cert + " with key "
          + keySetting + "=" + key + ": " + e.getMessage(), e);
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          checkEntry(keys.getPrivateKey(alias), keys.getCertificateChain(alias)[0]);
        }
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(keySetting + "=" + key + " does not fit the certificate " + certSetting + "="
          + cert + " (" + e.getMessage() + "); every TLS handshake would fail", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot check the TLS key pair " + certSetting + "=" + cert + ", " + keySetting
          + "=" + key + ": " + e.getMessage(), e);
    }
  }

  private void checkEntry(PrivateKey privateKey, Certificate certificate) throws Exception {
    String algorithm = switch (privateKey.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return; // an algorithm we cannot test here: the handshake will tell
    }
    byte[] challenge = "openastro-tls-key-check".getBytes(StandardCharsets.US_ASCII);
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
}
