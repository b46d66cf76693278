package org.openastro.cql;

import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/** The driver's TLS, from the {@code CASSANDRA_TLS*} settings; none when CASSANDRA_TLS is false. */
final class CqlTls {
  private CqlTls() {}

  static Optional<SslEngineFactory> engineFactory(Config config) {
    if (!config.get(CassandraSettings.TLS)) {
      // A trust store given without TLS is a half-done configuration: say so instead of
      // connecting in plain text (or failing with a closed connection) as if nothing was set.
      if (config.isSet(CassandraSettings.TLS_TRUSTSTORE_PATH)) {
        throw new ConfigException(CassandraSettings.TLS_TRUSTSTORE_PATH.name() + " is set but "
            + CassandraSettings.TLS.name() + " is false: set " + CassandraSettings.TLS.name()
            + "=true to connect over TLS, or unset the trust store");
      }
      return Optional.empty();
    }
    SSLContext context = context(config.get(CassandraSettings.TLS_TRUSTSTORE_PATH),
        config.get(CassandraSettings.TLS_TRUSTSTORE_PASSWORD));
    return Optional.of(new ProgrammaticSslEngineFactory(context, null,
        config.get(CassandraSettings.TLS_HOSTNAME_VALIDATION)));
  }

  /** Trusting the CAs of {@code trustStore}, or the JDK's own when it is null. */
  static SSLContext context(Path trustStore, String password) {
    try {
      KeyStore trusted = trustStore == null ? null : TrustStores.load(trustStore, password);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("Cannot set up TLS to Cassandra with " + CassandraSettings.TLS_TRUSTSTORE_PATH.name()
          + "='" + trustStore + "': " + e.getMessage(), e);
    }
  }
}
