package org.openastro.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.auth.EnrolmentTokens;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.config.Config;
import org.openastro.cql.Created;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.enrolment.EnrolmentToken;
import org.openastro.cql.enrolment.EnrolmentTokenRepository;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;
import org.openastro.gateway.GatewaySettings;

/**
 * Who may register a telescope ({@code POST /api/v1/nodes}): the holder of an API key with role
 * OPERATOR or ADMIN, or of an unused, unexpired enrolment token an operator issued
 * ({@code POST /api/v1/enrolment-tokens}); anybody else is refused (401 anonymous or a bad token,
 * 403 a key of another role).
 *
 * <p>A token is spent (LWT, so of two registrations racing on one token exactly one wins) only when
 * it creates a node, and remembers the node: a retry of that same registration (lost answer, or a
 * crash between spending and storing the node) is let through while the token's row lives, and
 * answers 201 or the 200 replay as a retry with a key would. A registration that names an existing
 * node is let through without spending the token: it can only be an identical replay (200, no
 * secret) or a 409, neither of which changes anything. Every registration is counted by credential
 * and outcome in {@code openastro_node_registrations_total}.
 */
public final class NodeEnrolment {
  public static final String API_KEY = "api_key";
  public static final String ENROLMENT_TOKEN = "enrolment_token";
  public static final String NONE = "none";

  private final EnrolmentTokenRepository tokens;
  private final NodeRepository nodes;
  private final Duration defaultTtl;
  private final Duration maxTtl;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public NodeEnrolment(EnrolmentTokenRepository tokens, NodeRepository nodes, Config config, MeterRegistry registry,
      Clock clock) {
    this.tokens = tokens;
    this.nodes = nodes;
    this.defaultTtl = config.get(GatewaySettings.ENROLMENT_TOKEN_TTL);
    this.maxTtl = config.get(GatewaySettings.ENROLMENT_TOKEN_MAX_TTL);
    if (defaultTtl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("ENROLMENT_TOKEN_TTL (" + defaultTtl + ") must not exceed"
          + " ENROLMENT_TOKEN_MAX_TTL (" + maxTtl + ")");
    }
    this.registry = registry;
    this.clock = clock;
  }

  public Duration maxTtl() {
    return maxTtl;
  }

  /**
   * Issues a token for {@code ttl} (null = ENROLMENT_TOKEN_TTL); the caller must hold OPERATOR or
   * ADMIN. The token itself is in the answer only; a SHA-256 of it is stored.
   */
  public Future<Issued> issue(Caller caller, Duration ttl, String note) {
    caller.require(ApiRole.OPERATOR);
    Duration lifetime = ttl == null ? defaultTtl : ttl;
    if (lifetime.compareTo(maxTtl) > 0) {
      throw ApiException.invalid("ttl_s", "ttl_s must be at most " + maxTtl.toSeconds()
          + " (ENROLMENT_TOKEN_MAX_TTL)");
    }
    UUID tokenId = UUID.randomUUID();
    String token = EnrolmentTokens.newToken(tokenId);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    EnrolmentToken row = new EnrolmentToken(tokenId, EnrolmentTokens.hash(token), note, now, caller.principal(),
        now.plus(lifetime), null, null);
    return tokens.insert(row, lifetime).map(stored -> {
      count("openastro.enrolment.tokens.issued", "enrolment tokens issued", Map.of());
      return new Issued(token, stored);
    });
  }

  /** A token as issued: {@code token} is shown once. */
  public record Issued(String token, EnrolmentToken row) {}

  /**
   * Admits the registration of {@code nodeId} (client-minted or not): the credential it came with
   * ({@link #API_KEY} or {@link #ENROLMENT_TOKEN}), or a failed future with the 401/403 to answer.
   */
  public Future<String> admit(RoutingContext ctx, UUID nodeId, boolean clientMinted) {
    Caller caller = Caller.of(ctx);
    if (!caller.anonymous()) {
      if (caller.admin() || caller.role() == ApiRole.OPERATOR) {
        return Future.succeededFuture(API_KEY);
      }
      registered(API_KEY, "forbidden");
      return Future.failedFuture(new ApiException(new ApiError(403, "forbidden",
          "registering a node needs an API key with role OPERATOR or ADMIN, or an enrolment token; this key has role "
              + caller.role(), null)));
    }
    String header = ctx.request().getHeader("authorization");
    String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    if (!EnrolmentTokens.looksLikeToken(bearer)) {
      return refuse(ctx, NONE, "unauthorized", "registering a node needs 'Authorization: Bearer' with an enrolment"
          + " token (" + EnrolmentTokens.PREFIX + "..., from an operator) or an API key with role OPERATOR or ADMIN");
    }
    Optional<UUID> tokenId = EnrolmentTokens.tokenIdOf(bearer);
    if (tokenId.isEmpty()) {
      return refuse(ctx, ENROLMENT_TOKEN, "token_unknown", "unknown or expired enrolment token");
    }
    return tokens.find(tokenId.get(), false).compose(found -> {
      if (found.isEmpty() || !EnrolmentTokens.matches(bearer, found.get().tokenHash())) {
        return refuse(ctx, ENROLMENT_TOKEN, "token_unknown", "unknown or expired enrolment token");
      }
      EnrolmentToken token = found.get();
      Future<Boolean> exists = clientMinted ? nodes.find(nodeId).map(Optional::isPresent) : Future.succeededFuture(false);
      return exists.compose(nodeExists -> {
        if (token.used() && !nodeId.equals(token.usedByNode())) {
          return usedElsewhere(ctx, token);
        }
        if (nodeExists || token.used()) {
          return Future.succeededFuture(ENROLMENT_TOKEN); // a replay, a 409, or a retry of this token's own enrolment
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isBefore(token.expiresAt())) {
          return refuse(ctx, ENROLMENT_TOKEN, "token_expired", "this enrolment token expired at " + token.expiresAt()
              + "; ask an operator for a new one");
        }
        return tokens.spend(token, nodeId, now).compose(won -> won ? Future.succeededFuture(ENROLMENT_TOKEN)
            : tokens.find(token.tokenId(), true).compose(after -> {
              if (after.isPresent() && nodeId.equals(after.get().usedByNode())) {
                return Future.succeededFuture(ENROLMENT_TOKEN); // the same registration, sent twice at once
              }
              return after.isPresent() && after.get().used() ? usedElsewhere(ctx, after.get())
                  : refuse(ctx, ENROLMENT_TOKEN, "token_expired", "unknown or expired enrolment token");
            }));
      });
    });
  }

  /** Counts an admitted registration's result: created, replayed, conflict or failed. */
  public void registered(String credential, AsyncResult<Created<Node>> result) {
    registered(credential, result.succeeded() ? (result.result().created() ? "created" : "replayed")
        : result.cause() instanceof IdConflictException ? "conflict" : "failed");
  }

  private void registered(String credential, String outcome) {
    count("openastro.node.registrations", "node registrations, by credential and outcome (refusals included)",
        Map.of("credential", credential, "outcome", outcome));
  }

  private Future<String> usedElsewhere(RoutingContext ctx, EnrolmentToken token) {
    return refuse(ctx, ENROLMENT_TOKEN, "token_used", "this enrolment token was already used"
        + (token.usedAt() == null ? "" : " at " + token.usedAt()) + " to enrol another node; it is single-use");
  }

  private Future<String> refuse(RoutingContext ctx, String credential, String outcome, String message) {
    registered(credential, outcome);
    ctx.response().putHeader("www-authenticate", "Bearer realm=\"openastro-api\"");
    return Future.failedFuture(new ApiException(new ApiError(401, "unauthorized", message, null)));
  }

  private void count(String name, String description, Map<String, String> tags) {
    String key = name + tags;
    counters.computeIfAbsent(key, k -> {
      Counter.Builder builder = Counter.builder(name).description(description);
      tags.forEach(builder::tag);
      return builder.register(registry);
    }).increment();
  }
}
