package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.JoinConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/** The member configuration the settings give: one explicit join method, never multicast. */
class HazelcastSetupTest {
  @Test
  void tcpIpMembersOnLoopback() {
    com.hazelcast.config.Config hz = HazelcastSetup.memberConfig(Config.from(Map.of(
        "CLUSTER_ENABLED", "true", "CLUSTER_HOST", "127.0.0.1", "CLUSTER_PORT", "15701",
        "CLUSTER_MEMBERS", "127.0.0.1:15701, 127.0.0.1:15702,localhost")));
    JoinConfig join = hz.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers())
        .containsExactly("127.0.0.1:15701", "127.0.0.1:15702", "localhost:5701");
    assertThat(hz.getNetworkConfig().getPort()).isEqualTo(15701);
    assertThat(hz.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(hz.getNetworkConfig().getPublicAddress()).isEqualTo("127.0.0.1:15701");
    assertThat(hz.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    // vertx-hazelcast's own maps are kept
    assertThat(hz.getMultiMapConfigs()).containsKey("__vertx.subs");
    assertThat(hz.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("15");
  }

  @Test
  void kubernetesDnsDiscoveryWithThePodsOwnAddress() {
    com.hazelcast.config.Config hz = HazelcastSetup.memberConfig(Config.from(Map.of(
        "CLUSTER_ENABLED", "true",
        "CLUSTER_KUBERNETES_SERVICE_DNS", "openastro-cluster.openastro.svc.cluster.local")));
    JoinConfig join = hz.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns"))
        .isEqualTo("openastro-cluster.openastro.svc.cluster.local");
    assertThat(join.getKubernetesConfig().getProperty("service-port")).isEqualTo("5701");
    // No CLUSTER_HOST: Hazelcast picks the interface (the pod IP), nothing is pinned.
    assertThat(hz.getNetworkConfig().getPublicAddress()).isNull();
    assertThat(hz.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
  }

  @Test
  void noWayToFindMembersIsRefused() {
    assertThatThrownBy(() -> HazelcastSetup.memberConfig(Config.from(Map.of("CLUSTER_ENABLED", "true"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("CLUSTER_MEMBERS");
  }

  @Test
  void twoJoinMethodsAreRefused() {
    assertThatThrownBy(() -> HazelcastSetup.memberConfig(Config.from(Map.of("CLUSTER_ENABLED", "true",
        "CLUSTER_MEMBERS", "10.0.0.1", "CLUSTER_KUBERNETES_SERVICE_DNS", "x.svc"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not both");
  }

  @Test
  void rolesParse() {
    assertThat(ProcessRole.parse("gateway,scheduler")).containsExactlyInAnyOrder(ProcessRole.GATEWAY, ProcessRole.SCHEDULER);
    assertThat(ProcessRole.parse(" Scheduler ")).isEqualTo(Set.of(ProcessRole.SCHEDULER));
    assertThat(Config.from(Map.of()).get(ClusterSettings.ROLES))
        .containsExactlyInAnyOrder(ProcessRole.GATEWAY, ProcessRole.SCHEDULER, ProcessRole.STACKER);
    assertThat(ProcessRole.parse("STACKER")).isEqualTo(Set.of(ProcessRole.STACKER));
    assertThatThrownBy(() -> Config.from(Map.of("PROCESS_ROLES", "gateway,broker")).get(ClusterSettings.ROLES))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PROCESS_ROLES").hasMessageContaining("broker");
    assertThatThrownBy(() -> Config.from(Map.of("PROCESS_ROLES", ",")).get(ClusterSettings.ROLES))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PROCESS_ROLES");
  }
}
