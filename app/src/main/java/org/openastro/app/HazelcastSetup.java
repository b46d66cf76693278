package org.openastro.app;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.net.InetSocketAddress;
import java.util.List;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/**
 * The Hazelcast member configuration of a clustered process, from the settings. Starts from
 * vertx-hazelcast's own default (the maps and multimaps the event bus needs) and replaces its
 * discovery: multicast is always off; members are found through the TCP/IP list and/or Hazelcast's
 * built-in Kubernetes DNS lookup of a headless Service, never by anything home-made.
 */
final class HazelcastSetup {
  static final String CLUSTER_NAME = "openastro";

  private HazelcastSetup() {}

  static com.hazelcast.config.Config memberConfig(Config config) {
    String host = config.get(ClusterSettings.HOST);
    int port = config.get(ClusterSettings.PORT);
    List<InetSocketAddress> members = config.get(ClusterSettings.MEMBERS);
    String serviceDns = config.get(ClusterSettings.KUBERNETES_SERVICE_DNS);
    if ((members == null || members.isEmpty()) && serviceDns == null) {
      // Alone it would form a cluster of one and never see the other processes: say so at start.
      throw new ConfigException("CLUSTER_ENABLED=true needs CLUSTER_MEMBERS or CLUSTER_KUBERNETES_SERVICE_DNS"
          + " to find the other members");
    }
    if (members != null && !members.isEmpty() && serviceDns != null) {
      throw new ConfigException("set CLUSTER_MEMBERS or CLUSTER_KUBERNETES_SERVICE_DNS, not both:"
          + " Hazelcast runs one join method");
    }
    com.hazelcast.config.Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(CLUSTER_NAME);
    // Vert.x leaves the cluster itself when it closes; Hazelcast's own hook would race it.
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    long failureSeconds = Math.max(2, config.get(ClusterSettings.FAILURE_TIMEOUT).toSeconds());
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(failureSeconds));
    hz.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(Math.max(1, failureSeconds / 5)));

    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    if (host != null) {
      network.setPublicAddress(host + ":" + port);
    }
    if (host != null && isIpAddress(host)) {
      // Bind the member address to this interface: on a laptop (or a test on loopback) Hazelcast
      // would otherwise pick some other interface and the listed members would not match it.
      network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (members != null && !members.isEmpty()) {
      join.getTcpIpConfig().setEnabled(true)
          .setMembers(members.stream().map(a -> a.getHostString() + ":" + a.getPort()).toList());
    }
    if (serviceDns != null) {
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", serviceDns)
          .setProperty("service-port", Integer.toString(port));
    }
    return hz;
  }

  private static boolean isIpAddress(String host) {
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
  }
}
