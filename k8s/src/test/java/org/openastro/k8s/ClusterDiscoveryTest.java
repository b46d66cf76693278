package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gateway and scheduler pods share a clustered event bus: they must find each other through the
 * headless Service named in CLUSTER_KUBERNETES_SERVICE_DNS, on the cluster port, and may read
 * what Hazelcast's Kubernetes discovery reads.
 */
class ClusterDiscoveryTest {
  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void podsFindEachOtherThroughTheHeadlessService(String dir) {
    Manifests manifests = Manifests.of(dir);
    for (Deployment deployment : manifests.appDeployments()) {
      Container container = Manifests.appContainer(deployment);
      Map<String, String> env = PodEnv.of(manifests, container).values();
      String name = deployment.getMetadata().getName();
      assertThat(AppSettings.flag(env, "CLUSTER_ENABLED")).as("CLUSTER_ENABLED of %s", name).isTrue();
      int clusterPort = AppSettings.port(env, "CLUSTER_PORT");

      String dns = AppSettings.text(env, "CLUSTER_KUBERNETES_SERVICE_DNS");
      assertThat(dns).as("CLUSTER_KUBERNETES_SERVICE_DNS of %s", name).isNotNull()
          .endsWith("." + deployment.getMetadata().getNamespace() + ".svc.cluster.local");
      Service service = manifests.get(Service.class, dns.substring(0, dns.indexOf('.')));
      assertThat(service.getSpec().getClusterIP()).as("the cluster Service is headless").isEqualTo("None");
      // readiness waits for the cluster, so members must be visible before they are ready
      assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
      assertThat(Manifests.selects(service.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels()))
          .as("the cluster Service selects %s", name).isTrue();
      List<ServicePort> clusterPorts = service.getSpec().getPorts().stream()
          .filter(p -> p.getPort() == clusterPort).toList();
      assertThat(clusterPorts).as("cluster Service port %s", clusterPort).hasSize(1);
      assertThat(Checks.resolve(container, clusterPorts.get(0).getTargetPort())).as("its target in %s", name)
          .isPresent().get().extracting(p -> p.getContainerPort()).isEqualTo(clusterPort);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void theServiceAccountMayReadWhatDiscoveryReads(String dir) {
    Manifests manifests = Manifests.of(dir);
    for (Deployment deployment : manifests.appDeployments()) {
      String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
      manifests.get(ServiceAccount.class, account);
      List<PolicyRule> rules = manifests.ofType(RoleBinding.class).stream()
          .filter(b -> b.getSubjects().stream().anyMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals(account)))
          .filter(b -> b.getRoleRef().getKind().equals("Role"))
          .flatMap(b -> manifests.get(Role.class, b.getRoleRef().getName()).getRules().stream())
          .toList();
      for (String resource : List.of("endpoints", "pods", "services")) {
        assertThat(rules).as("rules of ServiceAccount %s for %s", account, resource).anySatisfy(rule -> {
          assertThat(rule.getApiGroups()).contains("");
          assertThat(rule.getResources()).contains(resource);
          assertThat(rule.getVerbs()).contains("get", "list");
        });
      }
    }
  }
}
