package org.openastro.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;

/**
 * A request line with a version other than HTTP/1.0 or 1.1 ({@code GET / HTTP/9.9}) is answered
 * 505, in the API's error shape, and the connection closed. Vert.x 5 answers such a request 501
 * with the client's version echoed in the status line ({@code HTTP/9.9 501}) before any handler
 * runs, so this sits in the connection's Netty pipeline right after the HTTP decoder.
 */
final class HttpVersionCheck extends ChannelInboundHandlerAdapter {
  private static final byte[] ANSWER;

  static {
    byte[] body = new ApiError(505, "http_version_not_supported", "only HTTP/1.1 and HTTP/1.0 are served", null)
        .toJson().toBuffer().getBytes();
    String head = "HTTP/1.1 505 HTTP Version Not Supported\r\ncontent-type: application/json\r\ncontent-length: "
        + body.length + "\r\nconnection: close\r\n\r\n";
    byte[] all = new byte[head.length() + body.length];
    System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, all, 0, head.length());
    System.arraycopy(body, 0, all, head.length(), body.length);
    ANSWER = all;
  }

  private boolean refused;

  /** Installs the check on an HTTP/1.x connection; false when its pipeline has no HTTP/1 decoder. */
  static boolean install(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return false;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    var decoder = pipeline.context(HttpRequestDecoder.class);
    if (decoder == null) {
      decoder = pipeline.context(HttpServerCodec.class);
    }
    if (decoder == null) {
      return false;
    }
    pipeline.addAfter(decoder.name(), "openastro-http-version", new HttpVersionCheck());
    return true;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()
        && !HttpVersion.HTTP_1_1.equals(request.protocolVersion()) && !HttpVersion.HTTP_1_0.equals(request.protocolVersion())) {
      refused = true;
      ReferenceCountUtil.release(msg);
      ByteBuf answer = Unpooled.wrappedBuffer(ANSWER);
      // from the head of the pipeline: raw bytes, past the HTTP encoder, which has no request to answer
      ctx.pipeline().firstContext().writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
