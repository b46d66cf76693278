package org.openastro.cassandra.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a local node asks of its CQL clients. {@link #NONE} (the default, what the run command and
 * the shared test node use): any client, plain text. A node like a secured production cluster, to
 * test clients against, takes {@link #withPasswordAuthentication()} and/or {@link #withClientTls}.
 *
 * @param passwordAuthentication {@code PasswordAuthenticator} with {@code CassandraAuthorizer}:
 *                               clients log in with a role, and a role only does what it was
 *                               granted. Cassandra creates the superuser {@value #DEFAULT_SUPERUSER}
 *                               (password {@value #DEFAULT_SUPERUSER_PASSWORD}) on the first start;
 *                               {@link LocalCassandraNode#start} returns once it can log in with it
 * @param tlsKeystore            null, or a PKCS12 keystore with the node's key and certificate: the
 *                               CQL port then speaks TLS only (client_encryption_options, not
 *                               optional). See {@link LocalTlsKeystore} for a throwaway one
 * @param tlsKeystorePassword    the keystore's password (and its key's); set with the keystore
 */
public record NodeSecurity(boolean passwordAuthentication, Path tlsKeystore, String tlsKeystorePassword) {

  /** The role Cassandra creates with PasswordAuthenticator when none exists yet. */
  public static final String DEFAULT_SUPERUSER = "cassandra";
  public static final String DEFAULT_SUPERUSER_PASSWORD = "cassandra";

  public static final NodeSecurity NONE = new NodeSecurity(false, null, null);

  public NodeSecurity {
    if ((tlsKeystore == null) != (tlsKeystorePassword == null)) {
      throw new IllegalArgumentException("tlsKeystore and tlsKeystorePassword go together: both set or neither");
    }
    tlsKeystore = tlsKeystore == null ? null : tlsKeystore.toAbsolutePath().normalize();
  }

  public NodeSecurity withPasswordAuthentication() {
    return new NodeSecurity(true, tlsKeystore, tlsKeystorePassword);
  }

  public NodeSecurity withClientTls(Path keystore, String password) {
    return new NodeSecurity(passwordAuthentication, Objects.requireNonNull(keystore, "keystore"),
        Objects.requireNonNull(password, "password"));
  }

  public boolean clientTls() {
    return tlsKeystore != null;
  }

  @Override
  public String toString() {
    // The password stays out of logs and exception messages.
    return "NodeSecurity[passwordAuthentication=" + passwordAuthentication + ", tlsKeystore=" + tlsKeystore + "]";
  }
}
