package org.openastro.api.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.auth.Secrets;
import org.openastro.api.json.JsonErrors;
import org.openastro.api.json.JsonStrings;

/**
 * Router-level handler in front of every route group: a request to a documented operation is
 * checked against the document (path and query parameters, content type, JSON body schema) before
 * its route runs; a refusal fails the request with the API's error (400 naming the field, 415 for a
 * content type the operation does not take), which the failure handler answers and counts.
 * Requests the document does not describe pass untouched (the router answers 404).
 *
 * <p>Bodies are never read here for streamed operations ({@code x-openastro-streamed}). Schema
 * validation runs on a worker thread (vertx-openapi's choice), never on the event loop.
 */
final class ContractValidation implements Handler<RoutingContext> {
  /** The operation of a request, found once by {@link BodyLimit} and used by later handlers. */
  static final String OPERATION = "openastro.operation";
  private static final String NODE_ID_PARAM = "nodeId";

  private final ApiContract contract;
  private final RequestValidator validator;
  private final MeterRegistry registry;

  ContractValidation(ApiContract contract, RequestValidator validator, MeterRegistry registry) {
    this.contract = contract;
    this.validator = validator;
    this.registry = registry;
  }

  /** The documented operation of this request, or null. */
  static Operation operation(RoutingContext ctx, ApiContract contract) {
    if (!ctx.data().containsKey(OPERATION)) {
      ctx.put(OPERATION, Optional.ofNullable(contract.find(ctx.request().method(), ctx.normalizedPath())));
    }
    Optional<Operation> op = ctx.get(OPERATION);
    return op.orElse(null);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Operation op = operation(ctx, contract);
    if (op == null) {
      ctx.next();
      return;
    }
    OperationRules rules = contract.rules(op);
    if (rules.nodeSecret() && !bearerNamesPathNode(ctx, op)) {
      // Authentication before validation: the node route refuses this request (401/403, counted
      // as an ACL denial) without reading it; validating first would answer 400 to a stranger.
      ctx.next();
      return;
    }
    Buffer body;
    try {
      body = checkedBody(ctx, rules);
    } catch (ApiException e) {
      refuse(ctx, rules, e.error());
      return;
    }
    RequestUtils.extract(ctx.request(), op, () -> Future.succeededFuture(body))
        .compose(request -> validator.validate(request, op.getOperationId()))
        .onSuccess(validated -> ctx.next())
        .onFailure(e -> {
          ApiError error = ContractErrors.of(e);
          if (error == null) {
            ctx.fail(e);
          } else {
            refuse(ctx, rules, error);
          }
        });
  }

  /**
   * The body vertx-openapi is to check: the buffered body when its content type is one the library
   * parses; empty otherwise (the copy of the document it validates against makes such bodies
   * optional). Content type and presence are checked here against the document as written.
   */
  private static Buffer checkedBody(RoutingContext ctx, OperationRules rules) {
    if (rules.mediaTypes().isEmpty()) {
      return Buffer.buffer();
    }
    String contentType = ctx.request().getHeader("content-type");
    if (rules.streamed()) {
      if (rules.accepted(contentType) == null) {
        throw unsupported(rules, contentType);
      }
      return Buffer.buffer(); // never read: the route streams it
    }
    Buffer body = ctx.body().buffer();
    String type = rules.accepted(contentType);
    if (contentType != null && type == null) {
      throw unsupported(rules, contentType); // a media type it does not take, whatever the body
    }
    if (body == null || body.length() == 0) {
      if (rules.bodyRequired()) {
        throw new ApiException(ApiError.invalidJson("the body is empty"));
      }
      return Buffer.buffer();
    }
    if (type == null) {
      throw unsupported(rules, contentType);
    }
    if (!ApiContract.readable(type)) {
      return Buffer.buffer();
    }
    if (type.contains("json")) {
      Object parsed;
      try {
        parsed = Json.decodeValue(body);
      } catch (DecodeException e) {
        return body; // the validator names what is wrong with it
      }
      JsonStrings.requireValidUnicode(parsed, JsonErrors.HTTP);
    }
    return body;
  }

  private static ApiException unsupported(OperationRules rules, String contentType) {
    return new ApiException(ContractErrors.unsupportedMediaType("content-type must be one of "
        + rules.mediaTypes().stream().sorted().toList() + ", not " + (contentType == null ? "none" : "'" + contentType + "'")));
  }

  /** True when the bearer token has the shape of a secret of the node this path names. */
  private static boolean bearerNamesPathNode(RoutingContext ctx, Operation op) {
    String header = ctx.request().getHeader("authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    Optional<UUID> owner = Secrets.nodeIdOf(token);
    if (owner.isEmpty()) {
      return false;
    }
    if (!op.getAbsoluteOpenAPIPath().contains("{" + NODE_ID_PARAM + "}")) {
      return false;
    }
    int segment = RequestUtils.findPathSegment(op.getAbsoluteOpenAPIPath(), NODE_ID_PARAM);
    String[] segments = ctx.request().path().substring(1).split("/");
    return segment >= 1 && segment <= segments.length && owner.get().toString().equalsIgnoreCase(segments[segment - 1]);
  }

  private void refuse(RoutingContext ctx, OperationRules rules, ApiError error) {
    OperationRules.RejectionMetric metric = rules.rejectionMetric();
    if (metric != null) {
      Counter.builder(metric.name()).tag(metric.tag(), error.code()).register(registry).increment();
    }
    if (rules.streamed()) {
      // The refused upload was paused unread: let it drain (dropped) and do not reuse the connection.
      ctx.response().putHeader("connection", "close");
      ctx.request().resume();
    }
    ctx.fail(new ApiException(error));
  }
}
