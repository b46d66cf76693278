package org.openastro.gateway.auth;

import io.vertx.core.Future;
import java.util.UUID;
import org.openastro.api.auth.AuthException;
import org.openastro.api.auth.CredentialCache;
import org.openastro.api.auth.SecretHasher;
import org.openastro.cql.node.Node;
import org.openastro.config.Config;
import org.openastro.cql.node.NodeRepository;
import org.openastro.gateway.GatewaySettings;

/**
 * Checks a node's id and secret: reads the node (its stored hash and state, which the caller needs
 * anyway), then either finds the secret in the {@link CredentialCache} or, when {@link AuthLimits}
 * let it through, runs bcrypt off the event loop. Storage failures fail the future as they are (the
 * caller answers "unavailable"), distinct from {@link AuthException} (wrong secret, pool full) and
 * {@link AuthThrottledException} (refused before bcrypt: too many failures or checks in flight for
 * the node id or the source address).
 */
public final class NodeAuthenticator {
  private final NodeRepository nodes;
  private final SecretHasher hasher;
  private final CredentialCache cache;
  private final AuthLimits limits;

  public NodeAuthenticator(NodeRepository nodes, SecretHasher hasher, CredentialCache cache, Config config) {
    this.nodes = nodes;
    this.hasher = hasher;
    this.cache = cache;
    this.limits = new AuthLimits(new AuthLimits.Settings(
        config.get(GatewaySettings.AUTH_NODE_FAILURE_BURST), config.get(GatewaySettings.AUTH_NODE_FAILURE_REFILL),
        config.get(GatewaySettings.AUTH_ADDRESS_FAILURE_BURST),
        config.get(GatewaySettings.AUTH_ADDRESS_FAILURE_REFILL),
        config.get(GatewaySettings.AUTH_ADDRESS_MAX_PENDING), config.get(GatewaySettings.AUTH_SUSPECT_MAX_PENDING),
        config.get(GatewaySettings.AUTH_LIMITER_MAX_ENTRIES)), System::nanoTime);
  }

  /**
   * The node, when {@code secret} is its secret. {@code address}: the client's source address
   * (IP), null when unknown. A known secret (cached) passes without limits; anything that would
   * need bcrypt passes the limits first.
   */
  public Future<Node> authenticate(UUID nodeId, String secret, String address) {
    if (nodeId == null || secret == null || secret.isEmpty()) {
      return Future.failedFuture(badCredentials());
    }
    try {
      limits.checkAddress(address);
    } catch (AuthThrottledException e) {
      return Future.failedFuture(e);
    }
    return nodes.find(nodeId).compose(found -> {
      if (found.isEmpty() || found.get().secretHash() == null) {
        limits.unknownNode(address);
        return Future.failedFuture(badCredentials());
      }
      Node node = found.get();
      if (cache.matches(nodeId, node.secretHash(), secret)) {
        return Future.succeededFuture(node);
      }
      AuthLimits.Permit permit;
      try {
        permit = limits.acquire(nodeId, address);
      } catch (AuthThrottledException e) {
        return Future.failedFuture(e);
      }
      return hasher.verify(secret, node.secretHash())
          .andThen(checked -> permit.done(checked.succeeded() && !checked.result()))
          .compose(ok -> {
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
