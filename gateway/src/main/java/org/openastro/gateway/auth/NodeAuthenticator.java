package org.openastro.gateway.auth;

import io.vertx.core.Future;
import java.util.UUID;
import org.openastro.api.auth.AuthException;
import org.openastro.api.auth.CredentialCache;
import org.openastro.api.auth.SecretHasher;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;

/**
 * Checks a node's id and secret: reads the node (its stored hash and state, which the caller needs
 * anyway), then either finds the secret in the {@link CredentialCache} or runs bcrypt off the event
 * loop. Storage failures fail the future as they are (the caller answers "unavailable"), distinct
 * from {@link AuthException}.
 */
public final class NodeAuthenticator {
  private final NodeRepository nodes;
  private final SecretHasher hasher;
  private final CredentialCache cache;

  public NodeAuthenticator(NodeRepository nodes, SecretHasher hasher, CredentialCache cache) {
    this.nodes = nodes;
    this.hasher = hasher;
    this.cache = cache;
  }

  /** The node, when {@code secret} is its secret. */
  public Future<Node> authenticate(UUID nodeId, String secret) {
    if (nodeId == null || secret == null || secret.isEmpty()) {
      return Future.failedFuture(badCredentials());
    }
    return nodes.find(nodeId).compose(found -> {
      if (found.isEmpty() || found.get().secretHash() == null) {
        return Future.failedFuture(badCredentials());
      }
      Node node = found.get();
      if (cache.matches(nodeId, node.secretHash(), secret)) {
        return Future.succeededFuture(node);
      }
      return hasher.verify(secret, node.secretHash()).compose(ok -> {
        if (!ok) {
          return Future.failedFuture(badCredentials());
        }
        cache.remember(nodeId, node.secretHash(), secret);
        return Future.succeededFuture(node);
      });
    });
  }

  public SecretHasher hasher() {
    return hasher;
  }

  public CredentialCache cache() {
    return cache;
  }

  private static AuthException badCredentials() {
    return new AuthException(AuthException.Reason.BAD_CREDENTIALS, "unknown node or wrong secret");
  }
}
