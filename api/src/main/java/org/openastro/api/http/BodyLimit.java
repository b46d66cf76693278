package org.openastro.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.Operation;
import java.util.Locale;

/**
 * The first handler of every request: buffers the body up to {@code HTTP_MAX_BODY_BYTES} (larger:
 * 413), except for streamed operations of the document ({@code x-openastro-streamed}, the artifact
 * content upload), whose route reads the body as a stream of any size. Those requests are paused
 * here, so no data is lost while authentication and validation run: their route resumes them
 * ({@code request.pipeTo(...)} does, or {@code handler(...)} then {@code resume()}).
 *
 * <p>No operation takes a form or a multipart body, and Vert.x's body handler would try to decode
 * one (and throw for a GET): such a body is read to its end without decoding it (so an answer
 * reaches a client still sending) and left out; validation then refuses the media type (415)
 * where the operation takes a body.
 */
final class BodyLimit implements Handler<RoutingContext> {
  private final ApiContract contract;
  private final BodyHandler buffered;
  private final int maxBodyBytes;

  BodyLimit(ApiContract contract, int maxBodyBytes) {
    this.contract = contract;
    this.maxBodyBytes = maxBodyBytes;
    this.buffered = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("content-type");
    if (type != null && isForm(type)) {
      skipForm(ctx);
      return;
    }
    Operation op = ContractValidation.operation(ctx, contract);
    if (op != null && contract.rules(op).streamed()) {
      ctx.request().pause();
      ctx.next();
    } else {
      buffered.handle(ctx);
    }
  }

  /** Drains a form or multipart body without decoding it; over the limit, 413 as any other body. */
  private void skipForm(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      ctx.next();
      return;
    }
    long[] read = {0};
    request.handler(chunk -> {
      read[0] += chunk.length();
      if (read[0] > maxBodyBytes && !ctx.failed()) {
        request.handler(null);
        ctx.response().putHeader("connection", "close");
        ctx.fail(413);
      }
    });
    request.endHandler(end -> {
      if (!ctx.failed()) {
        ctx.next();
      }
    });
  }

  static boolean isForm(String contentType) {
    String type = contentType.trim().toLowerCase(Locale.ROOT);
    return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
  }
}
