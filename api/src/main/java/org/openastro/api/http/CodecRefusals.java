package org.openastro.api.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP codec refuses before any route runs (a request target over 4,096 bytes, headers
 * over 8 KiB, a malformed request line) get the API's error shape like every other 4xx, instead
 * of Vert.x's empty answer, and the connection is closed: what follows on it can not be trusted.
 */
final class CodecRefusals implements Handler<HttpServerRequest> {
  private final ApiMetrics metrics;

  CodecRefusals(ApiMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpServerRequest request) {
    ApiError error = errorFor(request.decoderResult());
    metrics.rejected("unmatched", error.code());
    request.response().setStatusCode(error.status()).putHeader("content-type", "application/json")
        .putHeader("connection", "close")
        .end(error.toJson().toBuffer())
        .onComplete(x -> request.connection().close());
  }

  static ApiError errorFor(DecoderResult result) {
    Throwable cause = result == null ? null : result.cause();
    if (cause instanceof TooLongFrameException tooLong) {
      String message = String.valueOf(tooLong.getMessage());
      if (message.contains("header")) {
        return new ApiError(431, "headers_too_large", "the request's headers are too large", null);
      }
      return new ApiError(414, "uri_too_long", "the request target is too long", null);
    }
    return new ApiError(400, "bad_request", "the request line or a header is malformed", null);
  }
}
