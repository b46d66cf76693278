package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.say;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * The transport floor ({@code phases=floor}): the same clients and load against an MQTT server
 * that does nothing but acknowledge, the gateway's MQTT library (vertx-mqtt) on as many event loops
 * as the gateway's listeners, no authentication, no storage. What MQTT over loopback TCP alone costs
 * per heartbeat on this machine, clients and kernel included: no gateway can ingest for less, so the
 * gateway's figure minus this one is what its own work (and Cassandra's) costs.
 */
final class FloorPhase {
  private FloorPhase() {}

  /** Returns {heartbeats/s, CPU us per heartbeat}. */
  static double[] run(BenchOptions opts, BenchReport report) throws Exception {
    Transport transport = opts.transport();
    int loops = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loops)).withTransport(transport).build();
    try {
      int[] port = new int[1];
      vertx.deployVerticle(() -> new AckOnlyServer(port), new DeploymentOptions().setInstances(loops))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      say("floor: acknowledge-only vertx-mqtt server on 127.0.0.1:%d, %d event loops, %s transport", port[0], loops,
          transport.name());
      List<Credentials> nodes = Stream.generate(() -> new Credentials(UUID.randomUUID().toString(), "any"))
          .limit(opts.integer("nodes")).toList();
      try (LoadClients clients = LoadClients.create(opts, nodes, "127.0.0.1", port[0])) {
        LoadWindow.connect("floor", clients, nodes.size(), opts.integer("connectConcurrency"), report);
        LoadWindow window = LoadWindow.run("floor", nodes, clients, opts, new CpuMeter(-1), report);
        double cpu = window.reportCpu(report, "server+clients JVM");
        clients.disconnectAll();
        return new double[] {window.rate(), cpu};
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Accepts every CONNECT and acknowledges every QoS 1 PUBLISH at once. */
  private static final class AckOnlyServer extends VerticleBase {
    private final int[] port;

    AckOnlyServer(int[] port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      MqttServer server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(-1));
      server.endpointHandler(endpoint -> {
        endpoint.publishAutoAck(true);
        endpoint.publishHandler(message -> { });
        endpoint.accept(false);
      });
      return server.listen().onSuccess(s -> port[0] = s.actualPort());
    }
  }
}
