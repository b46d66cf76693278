package org.openastro.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.Operation;

/**
 * The first handler of every request: buffers the body up to {@code HTTP_MAX_BODY_BYTES} (larger:
 * 413), except for streamed operations of the document ({@code x-openastro-streamed}, the artifact
 * content upload), whose route reads the body as a stream of any size. Those requests are paused
 * here, so no data is lost while authentication and validation run: their route resumes them
 * ({@code request.pipeTo(...)} does, or {@code handler(...)} then {@code resume()}).
 */
final class BodyLimit implements Handler<RoutingContext> {
  private final ApiContract contract;
  private final BodyHandler buffered;

  BodyLimit(ApiContract contract, int maxBodyBytes) {
    this.contract = contract;
    this.buffered = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Operation op = ContractValidation.operation(ctx, contract);
    if (op != null && contract.rules(op).streamed()) {
      ctx.request().pause();
      ctx.next();
    } else {
      buffered.handle(ctx);
    }
  }
}
