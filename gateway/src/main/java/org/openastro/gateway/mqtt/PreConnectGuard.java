package org.openastro.gateway.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openastro.gateway.mqtt.ConnectionRejections.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a connection from its opening to its CONNECT, between the MQTT decoder and Vert.x. The
 * first packet must be a well-formed CONNECT and must be complete within the connect timeout;
 * anything else closes the connection here, quietly, and is counted. vertx-mqtt would close most
 * of these too, but unseen by us and with an ERROR line each (a decode failure reaches a socket
 * exception handler it never sets), and its own timeout is a read-idle one that a client sending a
 * byte every few seconds never meets.
 *
 * <p>vertx-mqtt's connection removes the pipeline handlers named {@code "idle"} and
 * {@code "timeoutOnConnect"} when it handles the CONNECT; {@link MqttAcceptor} installs this guard
 * under the second name, so it is gone, deadline included, once a session starts.
 */
final class PreConnectGuard extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PreConnectGuard.class);

  private final long timeoutMillis;
  private final ConnectionRejections rejections;
  private ScheduledFuture<?> deadline;
  private boolean closing;

  PreConnectGuard(long timeoutMillis, ConnectionRejections rejections) {
    this.timeoutMillis = timeoutMillis;
    this.rejections = rejections;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // from the opening, not from the last byte read
    deadline = ctx.executor().schedule(() -> reject(ctx, Reason.CONNECT_TIMEOUT), timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    deadline.cancel(false);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      ReferenceCountUtil.release(msg); // decoded in the same read as what was refused
      return;
    }
    if (!(msg instanceof MqttMessage packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (packet.decoderResult().isFailure()) {
      if (packet.decoderResult().cause() instanceof MqttUnacceptableProtocolVersionException) {
        rejections.protocolVersionRefused(); // a CONNECT vertx-mqtt answers with CONNACK 0x01
        ctx.fireChannelRead(msg);
      } else {
        ReferenceCountUtil.release(msg);
        reject(ctx, Reason.MALFORMED_CONNECT);
      }
    } else if (packet.fixedHeader().messageType() != MqttMessageType.CONNECT) {
      ReferenceCountUtil.release(msg);
      reject(ctx, Reason.PACKET_BEFORE_CONNECT);
    } else {
      ctx.fireChannelRead(msg); // the session begins: vertx-mqtt removes this guard
    }
  }

  private void reject(ChannelHandlerContext ctx, Reason reason) {
    if (closing || !ctx.channel().isActive()) {
      return;
    }
    closing = true;
    rejections.count(reason);
    LOG.debug("MQTT connection from {} closed before CONNECT: {}", ctx.channel().remoteAddress(), reason.tag());
    ctx.close();
  }
}
