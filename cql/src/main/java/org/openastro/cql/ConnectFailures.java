package org.openastro.cql;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.openastro.config.ConfigException;

/**
 * Says in the settings' words why no session could be opened. The driver reports a refused login
 * or a failed TLS handshake as "Could not reach any contact point, make sure you've provided valid
 * addresses", with the reason nested in its per-node errors: an operator would check addresses and
 * firewalls first.
 */
final class ConnectFailures {
  private static final String USERNAME = CassandraSettings.USERNAME.name();
  private static final String PASSWORD = CassandraSettings.PASSWORD.name();
  private static final String TLS = CassandraSettings.TLS.name();
  private static final String TRUSTSTORE = CassandraSettings.TLS_TRUSTSTORE_PATH.name();
  private static final String HOSTNAME_VALIDATION = CassandraSettings.TLS_HOSTNAME_VALIDATION.name();

  private ConnectFailures() {}

  /**
   * A {@link ConfigException} when the credentials or the TLS settings are the cause (the node
   * answered, and refused); else a failure with the original's message and a TLS hint, or the
   * original itself.
   *
   * @param user {@code CASSANDRA_USERNAME}, null when unset
   */
  static RuntimeException explain(AllNodesFailedException failure, String user, boolean tls) {
    for (Map.Entry<Node, List<Throwable>> entry : failure.getAllErrors().entrySet()) {
      String node = String.valueOf(entry.getKey().getEndPoint());
      for (Throwable error : entry.getValue()) {
        Optional<AuthenticationException> refused = find(error, AuthenticationException.class);
        if (refused.isPresent()) {
          return new ConfigException(authentication(node, user, refused.get()), failure);
        }
        Optional<SSLException> handshake = find(error, SSLException.class);
        if (handshake.isPresent() && tls) {
          return new ConfigException(handshake(node, handshake.get()), failure);
        }
      }
    }
    if (!tls && closedWhileConnecting(failure)) {
      // The same thing happens when a node dies while we connect: a hint, not a verdict.
      return new IllegalStateException("Cassandra at " + failure.getAllErrors().keySet().stream()
          .map(n -> String.valueOf(n.getEndPoint())).collect(Collectors.joining(", "))
          + " closed every connection while the driver was opening it: if the cluster requires client encryption"
          + " (client_encryption_options enabled, not optional), set " + TLS + "=true. Driver: "
          + failure.getMessage(), failure);
    }
    return failure;
  }

  private static String authentication(String node, String user, AuthenticationException refused) {
    if (user == null) {
      return "Cassandra at " + node + " requires authentication, and " + USERNAME + " is not set: set " + USERNAME
          + " and " + PASSWORD + " to a role that may log in (driver: " + refused.getMessage() + ")";
    }
    return "Cassandra at " + node + " refused the login of " + USERNAME + "='" + user + "': check " + USERNAME
        + " and " + PASSWORD + " (the role must exist WITH LOGIN = true and that password). Cassandra said: "
        + refused.getMessage();
  }

  private static String handshake(String node, SSLException error) {
    String reason = String.valueOf(rootCause(error).getMessage());
    String hint;
    if (reason.contains("PKIX") || reason.contains("certification path")) {
      hint = "the node's certificate is not signed by a CA in " + TRUSTSTORE + " (unset: the JDK's trusted CAs)";
    } else if (reason.contains("subject alternative") || reason.contains("No name matching")) {
      hint = "the node's certificate does not name the host the driver connected to: add it to the certificate's"
          + " subject alternative names, or set " + HOSTNAME_VALIDATION + "=false";
    } else if (reason.contains("plaintext") || reason.contains("Unsupported or unrecognized SSL message")) {
      hint = "the node does not speak TLS on that port: enable client_encryption_options there, or set " + TLS
          + "=false";
    } else {
      hint = "check that the node serves TLS on that port and that " + TRUSTSTORE + " holds the CA of its certificate";
    }
    return "The TLS handshake with Cassandra at " + node + " failed (" + TLS + "=true): " + hint + ". Java said: "
        + reason;
  }

  private static boolean closedWhileConnecting(AllNodesFailedException failure) {
    List<Throwable> all = new ArrayList<>();
    failure.getAllErrors().values().forEach(all::addAll);
    return !all.isEmpty() && all.stream().allMatch(e -> find(e, ClosedConnectionException.class).isPresent());
  }

  private static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
