package org.openastro.gateway.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.Responses;
import org.openastro.gateway.auth.NodeEnrolment;

/**
 * {@code POST /api/v1/enrolment-tokens} (OPERATOR or ADMIN): a single-use, expiring token with
 * which a telescope in the field registers itself ({@code POST /api/v1/nodes} with
 * {@code Authorization: Bearer oet_...}). The token is in the 201 only; a SHA-256 of it is stored.
 */
final class EnrolmentTokenRoutes implements ApiRoutes {
  private final NodeEnrolment enrolment;

  EnrolmentTokenRoutes(NodeEnrolment enrolment) {
    this.enrolment = enrolment;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/enrolment-tokens").handler(this::issue);
  }

  private void issue(RoutingContext ctx) {
    Caller caller = Caller.of(ctx).require(ApiRole.OPERATOR);
    // the body is optional: {"ttl_s": ..., "note": ...}, checked against the OpenAPI document already
    boolean empty = ctx.body().buffer() == null || ctx.body().buffer().length() == 0;
    JsonObject body = empty ? new JsonObject() : Responses.bodyObject(ctx);
    Object ttl = body.getValue("ttl_s");
    if (ttl != null && !(ttl instanceof Number)) {
      throw ApiException.invalid("ttl_s", "ttl_s must be a whole number of seconds");
    }
    Object note = body.getValue("note");
    if (note != null && !(note instanceof String)) {
      throw ApiException.invalid("note", "note must be a string");
    }
    enrolment.issue(caller, ttl == null ? null : Duration.ofSeconds(((Number) ttl).longValue()), (String) note)
        .onSuccess(issued -> Responses.json(ctx, 201, new JsonObject()
            .put("token", issued.token())
            .put("token_id", issued.row().tokenId().toString())
            .put("expires_at", issued.row().expiresAt().toString())
            .put("note", issued.row().note())
            .put("created_by", issued.row().createdBy())))
        .onFailure(ctx::fail);
  }
}
