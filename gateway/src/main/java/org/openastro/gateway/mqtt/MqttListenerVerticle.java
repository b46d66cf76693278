package org.openastro.gateway.mqtt;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.openastro.config.Config;
import org.openastro.gateway.GatewaySettings;

/**
 * One MQTT listener instance: its own event loop, its own MQTT server ({@link MqttAcceptor}) on the
 * shared port(s). Vert.x shares a port among servers of the same host and port and hands each new
 * connection to one of them in turn, so N instances spread the connections (and all their MQTT
 * work) over N event loops.
 * The sessions accepted here run on this instance's context; the shared state is in
 * {@link MqttGatewayVerticle}.
 */
final class MqttListenerVerticle extends VerticleBase {
  /**
   * Port 0 means "any free port"; every instance must get the same one. Vert.x binds servers given
   * the same negative port to one shared random port.
   */
  private static final int SHARED_RANDOM_PLAIN_PORT = -1;
  private static final int SHARED_RANDOM_TLS_PORT = -2;

  private final MqttGatewayVerticle hub;
  private final List<NetServer> servers = new ArrayList<>();

  MqttListenerVerticle(MqttGatewayVerticle hub) {
    this.hub = hub;
  }

  @Override
  public Future<?> start() {
    Config config = hub.gateway().config();
    List<Future<NetServer>> listening = new ArrayList<>();
    listening.add(listen(options(config).setPort(port(config.get(GatewaySettings.MQTT_PORT), SHARED_RANDOM_PLAIN_PORT)))
        .onSuccess(s -> hub.plainPortBound(s.actualPort())));
    if (hub.tls() != null) {
      listening.add(listen(options(config)
          .setPort(port(config.get(GatewaySettings.MQTT_TLS_PORT), SHARED_RANDOM_TLS_PORT)).setSsl(true)
          .setKeyCertOptions(hub.tls().options())));
    }
    return Future.all(listening);
  }

  private static int port(int configured, int sharedRandom) {
    return configured == 0 ? sharedRandom : configured;
  }

  private MqttServerOptions options(Config config) {
    return new MqttServerOptions()
        .setHost(config.get(GatewaySettings.MQTT_HOST))
        .setMaxMessageSize(hub.maxPacketBytes())
        .setMaxClientIdLength(36)
        .setAutoClientId(false);
  }

  private Future<NetServer> listen(MqttServerOptions options) {
    NetServer server = MqttAcceptor.create(vertx, options, hub.gateway().config().get(GatewaySettings.MQTT_CONNECT_TIMEOUT),
        hub.rejections(), endpoint -> new MqttNodeSession(endpoint, hub, context).connect());
    return server.listen(options.getPort(), options.getHost()).onSuccess(s -> {
      servers.add(s);
      hub.listening(options.getHost(), s.actualPort(), options.isSsl());
    });
  }

  @Override
  public Future<?> stop() {
    return Future.all(servers.stream().map(NetServer::close).toList());
  }
}
