package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openastro.config.Config;
import org.openastro.cql.CassandraSettings;
import org.openastro.cql.Replication;

/** Development: a single-node Cassandra StatefulSet in the namespace, one pod of each role. */
class DevOverlayTest {
  private static final Manifests DEV = Manifests.of("overlays/dev");

  private static StatefulSet cassandra() {
    return DEV.get(StatefulSet.class, "cassandra");
  }

  @Test
  void cassandraIsOneNodeWithPersistentData() {
    StatefulSet cassandra = cassandra();
    assertThat(cassandra.getSpec().getReplicas()).isEqualTo(1);
    Container container = cassandra.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("cassandra:5.0");
    assertThat(cassandra.getSpec().getVolumeClaimTemplates()).hasSize(1);
    String claim = cassandra.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
    assertThat(container.getVolumeMounts())
        .anySatisfy(m -> assertThat(m).extracting("name", "mountPath").containsExactly(claim, "/var/lib/cassandra"));
    Service governing = DEV.get(Service.class, cassandra.getSpec().getServiceName());
    assertThat(governing.getSpec().getClusterIP()).as("the StatefulSet's Service is headless").isEqualTo("None");
  }

  @Test
  void contactPointsResolveToTheCassandraService() {
    StatefulSet cassandra = cassandra();
    Container node = cassandra.getSpec().getTemplate().getSpec().getContainers().get(0);
    for (Deployment deployment : DEV.appDeployments()) {
      Config config = Config.from(PodEnv.of(DEV, Manifests.appContainer(deployment)).values());
      List<InetSocketAddress> contactPoints = config.get(CassandraSettings.CONTACT_POINTS);
      assertThat(contactPoints).isNotEmpty();
      for (InetSocketAddress contactPoint : contactPoints) {
        Service service = DEV.get(Service.class, serviceName(contactPoint.getHostString(), deployment.getMetadata().getNamespace()));
        assertThat(Manifests.selects(service.getSpec().getSelector(), cassandra.getSpec().getTemplate().getMetadata().getLabels()))
            .as("Service %s selects the Cassandra pods", service.getMetadata().getName()).isTrue();
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort() == contactPoint.getPort())
            .findFirst().orElseThrow(() -> new AssertionError("Service " + service.getMetadata().getName()
                + " has no port " + contactPoint.getPort()));
        assertThat(Checks.resolve(node, port.getTargetPort())).as("CQL port of the node").isPresent()
            .get().extracting(p -> p.getContainerPort()).isEqualTo(9042);
      }
      // one node: the replication factor cannot exceed it, and SimpleSnitch's DC is datacenter1
      assertThat(config.get(CassandraSettings.REPLICATION).factors().values()).containsOnly(1);
      assertThat(config.get(CassandraSettings.REPLICATION).strategy()).isEqualTo(Replication.SIMPLE);
      assertThat(config.get(CassandraSettings.LOCAL_DC)).isEqualTo("datacenter1");
      assertThat(node.getEnv()).extracting(EnvVar::getName).doesNotContain("CASSANDRA_ENDPOINT_SNITCH", "CASSANDRA_DC");
    }
  }

  /** The Service a host name means from inside the namespace: "svc", "svc.ns", "svc.ns.svc[.cluster.local]". */
  private static String serviceName(String host, String namespace) {
    String[] parts = host.split("\\.");
    if (parts.length > 1) {
      assertThat(parts[1]).as("namespace in contact point %s", host).isEqualTo(namespace);
    }
    return parts[0];
  }

  @Test
  void cassandraWithoutAuthenticationGetsNoCredentials() {
    for (Deployment deployment : DEV.appDeployments()) {
      Map<String, String> env = PodEnv.of(DEV, Manifests.appContainer(deployment)).values();
      Config config = Config.from(env);
      assertThat(config.isSet(CassandraSettings.USERNAME)).isFalse();
      assertThat(config.isSet(CassandraSettings.PASSWORD)).isFalse();
    }
  }

  @Test
  void oneGatewayAndOneSchedulerWithSmallerResources() {
    assertThat(DEV.appDeployment("gateway").getSpec().getReplicas()).isEqualTo(1);
    assertThat(DEV.appDeployment("scheduler").getSpec().getReplicas()).isEqualTo(1);
    assertThat(DEV.ofType(HorizontalPodAutoscaler.class)).as("no autoscaler in dev").isEmpty();
    Manifests base = Manifests.of("base");
    for (String component : List.of("gateway", "scheduler")) {
      var dev = Manifests.appContainer(DEV.appDeployment(component)).getResources().getRequests();
      var full = Manifests.appContainer(base.appDeployment(component)).getResources().getRequests();
      assertThat(dev.get("memory").getNumericalAmount()).as("%s memory", component)
          .isLessThan(full.get("memory").getNumericalAmount());
      assertThat(dev.get("cpu").getNumericalAmount()).as("%s cpu", component)
          .isLessThan(full.get("cpu").getNumericalAmount());
    }
  }
}
