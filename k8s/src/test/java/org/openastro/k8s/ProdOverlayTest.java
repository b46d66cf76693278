package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openastro.api.ApiSettings;
import org.openastro.api.tls.PemKeyPair;
import org.openastro.config.Config;
import org.openastro.config.Setting;
import org.openastro.cql.CassandraSettings;
import org.openastro.cql.Replication;
import org.openastro.gateway.GatewaySettings;

/** Production: an operator-managed Cassandra cluster (k8ssandra-operator), RF 3, scaled gateways. */
class ProdOverlayTest {
  private static final Manifests PROD = Manifests.of("overlays/prod");

  /** Secrets made by an operator from a resource in the rendering: k8ssandra's superuser Secret. */
  static Set<String> operatorMadeSecrets(Manifests manifests) {
    Set<String> secrets = new HashSet<>();
    for (GenericKubernetesResource cluster : manifests.custom("K8ssandraCluster")) {
      String given = cluster.get("spec", "cassandra", "superuserSecretRef", "name");
      secrets.add(given != null ? given : cluster.getMetadata().getName() + "-superuser");
    }
    return secrets;
  }

  private static GenericKubernetesResource cluster() {
    List<GenericKubernetesResource> clusters = PROD.custom("K8ssandraCluster");
    assertThat(clusters).as("K8ssandraCluster resources").hasSize(1);
    assertThat(clusters.get(0).getApiVersion()).isEqualTo("k8ssandra.io/v1alpha1");
    return clusters.get(0);
  }

  /** Datacenter name to node count. */
  @SuppressWarnings("unchecked")
  private static Map<String, Integer> datacenters() {
    List<Map<String, Object>> dcs = cluster().get("spec", "cassandra", "datacenters");
    return dcs.stream().collect(Collectors.toMap(
        dc -> (String) ((Map<String, Object>) dc.get("metadata")).get("name"),
        dc -> ((Number) dc.get("size")).intValue()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void cassandraIsAThreeRackDatacenter() {
    assertThat(datacenters()).containsEntry("dc1", 3);
    List<Map<String, Object>> racks = cluster().get("spec", "cassandra", "datacenters", 0, "racks");
    assertThat(racks).extracting(r -> r.get("name")).doesNotHaveDuplicates().hasSize(3);
    assertThat(racks).extracting(r -> ((Map<String, String>) r.get("nodeAffinityLabels")).get("topology.kubernetes.io/zone"))
        .as("one zone per rack").doesNotContainNull().doesNotHaveDuplicates();
    assertThat((Boolean) cluster().get("spec", "auth")).as("authentication").isNotEqualTo(Boolean.FALSE);
  }

  @Test
  void theAppUsesNetworkTopologyStrategyOverTheOperatorsDatacenters() {
    Map<String, Integer> datacenters = datacenters();
    for (Deployment deployment : PROD.appDeployments()) {
      Config config = Config.from(PodEnv.of(PROD, Manifests.appContainer(deployment)).values());
      Replication replication = config.get(CassandraSettings.REPLICATION);
      assertThat(replication.strategy()).isEqualTo(Replication.NETWORK_TOPOLOGY);
      assertThat(replication.factors().keySet()).isEqualTo(datacenters.keySet());
      replication.factors().forEach((dc, rf) ->
          assertThat(rf).as("replication factor in %s", dc).isEqualTo(3).isLessThanOrEqualTo(datacenters.get(dc)));

      String localDc = config.get(CassandraSettings.LOCAL_DC);
      assertThat(localDc).isEqualTo("dc1").isIn(datacenters.keySet());
      // cass-operator's CQL Service for a datacenter: <cluster>-<dc>-service
      List<InetSocketAddress> contactPoints = config.get(CassandraSettings.CONTACT_POINTS);
      assertThat(contactPoints).extracting(InetSocketAddress::getHostString)
          .containsExactly(cluster().getMetadata().getName() + "-" + localDc + "-service");
      assertThat(contactPoints).extracting(InetSocketAddress::getPort).containsOnly(9042);
    }
  }

  @Test
  void credentialsComeFromTheOperatorsSuperuserSecret() {
    String superuser = cluster().getMetadata().getName() + "-superuser";
    for (Deployment deployment : PROD.appDeployments()) {
      Map<String, SecretKeySelector> refs = Manifests.appContainer(deployment).getEnv().stream()
          .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
          .collect(Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef()));
      assertThat(refs.get("CASSANDRA_USERNAME")).extracting(SecretKeySelector::getName, SecretKeySelector::getKey)
          .containsExactly(superuser, "username");
      assertThat(refs.get("CASSANDRA_PASSWORD")).extracting(SecretKeySelector::getName, SecretKeySelector::getKey)
          .containsExactly(superuser, "password");
    }
    // the base's placeholder credentials are gone, so nobody mistakes them for the real ones
    assertThat(PodEnv.secretData(PROD.get(Secret.class, "openastro-secrets"))).doesNotContainKeys(
        "CASSANDRA_USERNAME", "CASSANDRA_PASSWORD");
  }

  @Test
  void gatewaysScaleFromThreeToTwenty() {
    assertThat(PROD.appDeployment("gateway").getSpec().getReplicas()).isEqualTo(3);
    HorizontalPodAutoscaler hpa = PROD.get(HorizontalPodAutoscaler.class, "openastro-gateway");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
  }

  /** The MQTT TLS listener's pair and the HTTP API's, each by its settings. */
  static Stream<List<Setting<Path>>> tlsPairs() {
    return Stream.of(List.of(GatewaySettings.MQTT_TLS_CERT_PATH, GatewaySettings.MQTT_TLS_KEY_PATH),
        List.of(ApiSettings.HTTP_TLS_CERT_PATH, ApiSettings.HTTP_TLS_KEY_PATH));
  }

  @ParameterizedTest
  @MethodSource("tlsPairs")
  void gatewayTlsCertificatesAndKeysAreMountedFromSecrets(List<Setting<Path>> pair) {
    Deployment gateway = PROD.appDeployment("gateway");
    Container container = Manifests.appContainer(gateway);
    Map<String, String> env = PodEnv.of(PROD, container).values();
    // both of the pair, or the process refuses to start
    assertThat(PemKeyPair.from(Config.from(env), pair.get(0), pair.get(1))).as("%s", pair).isNotNull();
    PodSpec pod = gateway.getSpec().getTemplate().getSpec();
    for (Setting<Path> setting : pair) {
      String path = env.get(setting.name());
      VolumeMount mount = container.getVolumeMounts().stream()
          .filter(m -> path.startsWith(m.getMountPath() + "/")).findFirst()
          .orElseThrow(() -> new AssertionError(setting + "=" + path + " lies under no volume mount"));
      Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
          .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
      assertThat(volume.getSecret()).as("volume %s is a Secret", volume.getName()).isNotNull();
    }
  }
}
