package org.openastro.bench.scheduler;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This JVM on the schedulers' clustered event bus, as a gateway would be: it publishes the heartbeat
 * batches and hears the schedulers' status moves and downlink. The Hazelcast member is configured as
 * the app's (package-private) HazelcastSetup configures a process: the same cluster name, TCP/IP
 * members on 127.0.0.1, no multicast, the same failure detection default.
 */
final class ClusterMember {
  /** HazelcastSetup.CLUSTER_NAME: a member of another name would never join. */
  static final String CLUSTER_NAME = "openastro";

  private ClusterMember() {}

  /** Joins the cluster listening on {@code port}, finding the others among {@code members} (ports on 127.0.0.1). */
  static Vertx join(int port, List<Integer> members) throws Exception {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(CLUSTER_NAME);
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "3");
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false).setPublicAddress("127.0.0.1:" + port);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members.stream().map(p -> "127.0.0.1:" + p).toList());
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1");
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hz)).buildClustered()
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
