package org.openastro.cassandra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A throwaway self-signed key and certificate for a local node's TLS ({@link NodeSecurity#tlsKeystore()}),
 * made by the JDK's own {@code keytool}: a PKCS12 keystore for the node and the certificate in PEM
 * for clients to trust. The certificate names {@code localhost} and the loopback addresses a
 * {@link LocalCassandraCluster} uses, so clients that validate host names accept it too.
 *
 * @param keystore       PKCS12, alias {@value #ALIAS}
 * @param password       of the keystore and of its key
 * @param certificatePem the node's certificate: what a client's trust store needs
 */
public record LocalTlsKeystore(Path keystore, String password, Path certificatePem) {

  static final String ALIAS = "node";
  static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
  /** keytool reads the password from this variable of its environment, never from its command line. */
  private static final String PASSWORD_VARIABLE = "OPENASTRO_KEYSTORE_PASSWORD";

  @Override
  public String toString() {
    return "LocalTlsKeystore[" + keystore + ", " + certificatePem + "]";
  }

  /**
   * Creates {@code <name>.p12} and {@code <name>.pem} in {@code directory} (which must exist), with a
   * random password and a certificate valid for {@code validity}.
   */
  public static LocalTlsKeystore create(Path directory, String name, Duration validity) {
    Path keystore = directory.resolve(name + ".p12");
    Path pem = directory.resolve(name + ".pem");
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    String subjectAlternativeNames = "dns:localhost," + IntStream.rangeClosed(1, LocalCassandraCluster.MAX_SIZE)
        .mapToObj(i -> "ip:" + LocalCassandraCluster.host(i))
        .collect(Collectors.joining(","));
    keytool(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=" + name + ", O=OpenAstro local node",
        "-ext", "SAN=" + subjectAlternativeNames,
        "-validity", Long.toString(Math.max(1, validity.toDays())),
        "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
    keytool(password, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(),
        "-storepass:env", PASSWORD_VARIABLE, "-file", pem.toString());
    return new LocalTlsKeystore(keystore, password, pem);
  }

  static Path keytoolExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool");
  }

  private static void keytool(String password, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(keytoolExecutable().toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(PASSWORD_VARIABLE, password);
    Process process = null;
    try {
      process = builder.start();
      process.getOutputStream().close(); // keytool never waits for a prompt answer
      if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new LocalNodeException("keytool did not finish within " + KEYTOOL_TIMEOUT.toSeconds() + " s: "
            + String.join(" ", arguments));
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new LocalNodeException("keytool failed (exit status " + process.exitValue() + "): "
            + String.join(" ", command) + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + keytoolExecutable(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalNodeException("Interrupted while running keytool", e);
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
    }
  }
}
