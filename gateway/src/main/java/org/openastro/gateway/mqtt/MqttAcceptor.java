package org.openastro.gateway.mqtt;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.impl.MqttServerConnection;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import org.openastro.gateway.mqtt.ConnectionRejections.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP side of one MQTT listener: per connection what vertx-mqtt's {@code MqttServer} does (the
 * MQTT codec, its {@code MqttServerConnection} turning packets into an {@link MqttEndpoint}), plus
 * a {@link PreConnectGuard} between the two. {@code MqttServer} offers no hook before the CONNECT
 * (vertx-mqtt issue #26): garbage, a packet out of order, an I/O error or a failed TLS handshake
 * there ended as an ERROR line from Vert.x, or nothing, and never reached a metric.
 *
 * <p>This leans on internals: vertx-mqtt's {@code impl.MqttServerConnection} (its package-private
 * {@code handleMessage}, looked up once) and Vert.x's {@link NetSocketInternal} (the pipeline). The
 * handler names are the ones vertx-mqtt's connection expects. A vertx-mqtt without that method
 * fails the MQTT start; one that renames the handlers fails MqttHostileClientsIT and every MQTT test.
 */
final class MqttAcceptor {
  private static final Logger LOG = LoggerFactory.getLogger(MqttAcceptor.class);
  /** Vert.x's own handler, last in the pipeline: the MQTT handlers go before it. */
  private static final String VERTX_HANDLER = "handler";
  /** How vertx-mqtt's own server feeds a connection its decoded packets. */
  private static final MethodHandle HANDLE_MESSAGE = handleMessage();

  private MqttAcceptor() {}

  /** A TCP server (not yet listening) that hands each connection's CONNECT to {@code endpoints}. */
  static NetServer create(Vertx vertx, MqttServerOptions options, Duration connectTimeout,
      ConnectionRejections rejections, Handler<MqttEndpoint> endpoints) {
    NetServer server = vertx.createNetServer(options);
    server.exceptionHandler(e -> {
      // TLS handshakes that fail (a plain client on the TLS port, a client not trusting us)
      rejections.count(Reason.CONNECTION_ERROR);
      LOG.debug("MQTT connection failed before a session: {}", e.toString());
    });
    server.connectHandler(socket -> accept((NetSocketInternal) socket, options, connectTimeout, rejections, endpoints));
    return server;
  }

  private static void accept(NetSocketInternal socket, MqttServerOptions options, Duration connectTimeout,
      ConnectionRejections rejections, Handler<MqttEndpoint> endpoints) {
    ChannelPipeline pipeline = socket.channelHandlerContext().pipeline();
    pipeline.addBefore(VERTX_HANDLER, "mqttEncoder", MqttEncoder.INSTANCE);
    pipeline.addBefore(VERTX_HANDLER, "mqttDecoder",
        new MqttDecoder(options.getMaxMessageSize(), options.getMaxClientIdLength()));
    // vertx-mqtt's connection removes handlers of these two names at CONNECT: "idle" held its
    // read-idle timer, which the guard's deadline replaces, so it is a pass-through here
    pipeline.addBefore(VERTX_HANDLER, "idle", new ChannelInboundHandlerAdapter());
    pipeline.addBefore(VERTX_HANDLER, "timeoutOnConnect", new PreConnectGuard(connectTimeout.toMillis(), rejections));
    MqttServerConnection connection = new MqttServerConnection(socket, endpoints, null, options);
    // Until the CONNECT gives the socket the endpoint's handler: an I/O error (a reset) is counted,
    // not logged as an ERROR by Vert.x.
    socket.exceptionHandler(e -> {
      rejections.count(Reason.CONNECTION_ERROR);
      LOG.debug("MQTT connection failed before CONNECT: {}", e.toString());
    });
    socket.eventHandler(ReferenceCountUtil::release); // no WebSocket handshakes on these listeners
    socket.messageHandler(message -> {
      synchronized (connection) { // as vertx-mqtt's own server does
        deliver(connection, message);
      }
    });
  }

  private static void deliver(MqttServerConnection connection, Object message) {
    try {
      HANDLE_MESSAGE.invokeExact(connection, message);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static MethodHandle handleMessage() {
    try {
      return MethodHandles.privateLookupIn(MqttServerConnection.class, MethodHandles.lookup()).findVirtual(
          MqttServerConnection.class, "handleMessage", MethodType.methodType(void.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this vertx-mqtt has no MqttServerConnection.handleMessage(Object), which"
          + " MqttAcceptor feeds packets to: adapt MqttAcceptor to the new version", e);
    }
  }
}
