package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.openastro.k8s.Manifests.COMPONENT_LABEL;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openastro.api.ApiSettings;
import org.openastro.gateway.GatewaySettings;

/** Checks every rendering (base and each overlay) must pass. */
class RenderedManifestsTest {
  /** Custom resources the overlays may use; anything else untyped is a typo in a kind. */
  private static final Set<String> CUSTOM_KINDS = Set.of("K8ssandraCluster");

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void everyObjectIsATypedKubernetesObjectInTheNamespace(String dir) {
    Manifests manifests = Manifests.of(dir);
    for (HasMetadata object : manifests.all()) {
      if (object instanceof GenericKubernetesResource) {
        assertThat(object.getKind()).as("untyped object %s", object.getMetadata().getName()).isIn(CUSTOM_KINDS);
      }
      assertThat(UnknownFields.in(object)).as("fields of %s/%s the Kubernetes API does not have", object.getKind(),
          object.getMetadata().getName()).isEmpty();
      if (!(object instanceof Namespace)) {
        assertThat(object.getMetadata().getNamespace()).as("namespace of %s/%s", object.getKind(),
            object.getMetadata().getName()).isEqualTo("openastro");
      }
    }
    assertThat(manifests.appDeployments()).extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder("openastro-gateway", "openastro-scheduler");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void probesUseTheHealthPathsOnTheHttpPort(String dir) {
    Manifests manifests = Manifests.of(dir);
    for (Deployment deployment : manifests.appDeployments()) {
      Container container = Manifests.appContainer(deployment);
      Map<String, String> env = PodEnv.of(manifests, container).values();
      int httpPort = AppSettings.port(env, ApiSettings.HTTP_PORT.name());
      boolean https = env.get(ApiSettings.HTTP_TLS_CERT_PATH.name()) != null;
      String name = deployment.getMetadata().getName();
      Checks.assertHttpGet(name + " liveness", container.getLivenessProbe(), container, "/health/live", httpPort, https);
      Checks.assertHttpGet(name + " readiness", container.getReadinessProbe(), container, "/health/ready", httpPort,
          https);
      Checks.assertHttpGet(name + " startup", container.getStartupProbe(), container, "/health/live", httpPort, https);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void containerPortsAreThePortsTheAppListensOn(String dir) {
    Manifests manifests = Manifests.of(dir);
    for (Deployment deployment : manifests.appDeployments()) {
      Container container = Manifests.appContainer(deployment);
      Map<String, String> env = PodEnv.of(manifests, container).values();
      String component = deployment.getSpec().getTemplate().getMetadata().getLabels().get(COMPONENT_LABEL);
      assertThat(env.get("PROCESS_ROLES")).as("PROCESS_ROLES of %s", component).isEqualTo(component);
      assertThat(container.getImage()).isEqualTo(Manifests.IMAGE);

      assertPort(container, "http", AppSettings.port(env, ApiSettings.HTTP_PORT.name()));
      assertPort(container, "hazelcast", AppSettings.port(env, "CLUSTER_PORT"));
      // a fixed event bus port (0 would be any free port), declared so NetworkPolicies can name it
      int eventBusPort = AppSettings.port(env, "CLUSTER_EVENT_BUS_PORT");
      assertThat(eventBusPort).as("CLUSTER_EVENT_BUS_PORT of %s", component).isPositive();
      assertPort(container, "eventbus", eventBusPort);
      if (component.equals("gateway")) {
        assertPort(container, "mqtt", AppSettings.port(env, GatewaySettings.MQTT_PORT.name()));
        assertPort(container, "mqtt-tls", AppSettings.port(env, GatewaySettings.MQTT_TLS_PORT.name()));
      } else {
        assertThat(Checks.port(container, "mqtt")).as("a scheduler opens no MQTT port").isEmpty();
      }
    }
  }

  private static void assertPort(Container container, String name, int expected) {
    assertThat(Checks.port(container, name)).as("container port %s", name).isPresent()
        .get().extracting(ContainerPort::getContainerPort).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void everyVariableIsASettingTheAppReadsWithAValueItAccepts(String dir) {
    Manifests manifests = Manifests.of(dir);
    Set<String> known = AppSettings.knownNames();
    for (Deployment deployment : manifests.appDeployments()) {
      PodEnv env = PodEnv.of(manifests, Manifests.appContainer(deployment));
      String name = deployment.getMetadata().getName();
      Set<String> unknown = new java.util.TreeSet<>(env.values().keySet());
      unknown.removeAll(known);
      assertThat(unknown).as("variables of %s that are no OpenAstro setting (AllSettings)", name).isEmpty();
      assertThat(env.values()).as("%s must name a Cassandra cluster: without one the app launches an"
          + " embedded node, which the image cannot", name).containsKey("CASSANDRA_CONTACT_POINTS");
      // Secret values are the deployer's (the base's placeholders are refused on purpose: see
      // SecretPlaceholdersTest); everything else the app must accept as written.
      assertThatCode(() -> AppSettings.validate(env.valuesWithoutSecrets())).as("settings of %s", name)
          .doesNotThrowAnyException();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void configMapAndSecretReferencesResolve(String dir) {
    Manifests manifests = Manifests.of(dir);
    Set<String> operatorSecrets = ProdOverlayTest.operatorMadeSecrets(manifests);
    for (Deployment deployment : manifests.appDeployments()) {
      PodEnv env = PodEnv.of(manifests, Manifests.appContainer(deployment));
      assertThat(env.missingConfigMaps()).as("ConfigMaps %s refers to", deployment.getMetadata().getName()).isEmpty();
      for (SecretKeySelector ref : env.secretKeyRefs()) {
        if (operatorSecrets.contains(ref.getName())) {
          continue;
        }
        Secret secret = manifests.get(Secret.class, ref.getName());
        assertThat(PodEnv.secretData(secret)).as("keys of Secret %s", ref.getName()).containsKey(ref.getKey());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void servicesSelectPodsAndTargetTheirNamedPorts(String dir) {
    Manifests manifests = Manifests.of(dir);
    Map<String, PodTemplateSpec> templates = manifests.podTemplates();
    for (Service service : manifests.ofType(Service.class)) {
      Map<String, String> selector = service.getSpec().getSelector();
      List<PodTemplateSpec> selected = templates.values().stream()
          .filter(t -> Manifests.selects(selector, t.getMetadata().getLabels())).toList();
      assertThat(selected).as("pods selected by Service %s (%s)", service.getMetadata().getName(), selector).isNotEmpty();
      for (ServicePort port : service.getSpec().getPorts()) {
        for (PodTemplateSpec template : selected) {
          boolean served = template.getSpec().getContainers().stream()
              .anyMatch(c -> Checks.resolve(c, port.getTargetPort()).isPresent());
          assertThat(served).as("Service %s port %s targets %s, a port of every pod it selects",
              service.getMetadata().getName(), port.getName(), port.getTargetPort()).isTrue();
        }
      }
    }
    for (Deployment deployment : manifests.ofType(Deployment.class)) {
      assertThat(Manifests.selects(deployment.getSpec().getSelector().getMatchLabels(),
          deployment.getSpec().getTemplate().getMetadata().getLabels()))
          .as("Deployment %s selects its own pods", deployment.getMetadata().getName()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void autoscalerAndDisruptionBudgetsTargetTheDeployments(String dir) {
    Manifests manifests = Manifests.of(dir);
    for (HorizontalPodAutoscaler hpa : manifests.ofType(HorizontalPodAutoscaler.class)) {
      assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
      Deployment target = manifests.get(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
      assertThat(hpa.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
      assertThat(hpa.getSpec().getMetrics()).as("HPA metrics")
          .anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
      // CPU utilisation is a share of the request: without one the HPA cannot scale
      assertThat(target.getSpec().getTemplate().getSpec().getContainers())
          .allSatisfy(c -> assertThat(c.getResources().getRequests()).containsKey("cpu"));
    }
    List<PodDisruptionBudget> budgets = manifests.ofType(PodDisruptionBudget.class);
    assertThat(budgets).as("PodDisruptionBudgets").isNotEmpty();
    for (PodDisruptionBudget pdb : budgets) {
      assertThat(manifests.appDeployments()).as("Deployments the PDB %s covers", pdb.getMetadata().getName())
          .filteredOn(d -> Manifests.selects(pdb.getSpec().getSelector().getMatchLabels(),
              d.getSpec().getTemplate().getMetadata().getLabels()))
          .hasSize(1);
    }
    assertThat(budgets).extracting(p -> p.getSpec().getSelector().getMatchLabels().get(COMPONENT_LABEL))
        .contains("gateway", "scheduler");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void everyContainerHasCpuAndMemoryRequestsAndLimits(String dir) {
    Manifests.of(dir).podTemplates().forEach((owner, template) -> {
      for (Container container : template.getSpec().getContainers()) {
        ResourceRequirements resources = container.getResources();
        assertThat(resources).as("resources of %s", owner).isNotNull();
        assertThat(resources.getRequests()).as("requests of %s", owner).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).as("limits of %s", owner).containsKeys("cpu", "memory");
        Quantity request = resources.getRequests().get("memory");
        Quantity limit = resources.getLimits().get("memory");
        assertThat(request.getNumericalAmount()).as("memory request of %s within its limit", owner)
            .isLessThanOrEqualTo(limit.getNumericalAmount());
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void terminationGraceCoversThePreStopPauseAndShutdownGrace(String dir) {
    Manifests manifests = Manifests.of(dir);
    for (Deployment deployment : manifests.appDeployments()) {
      Container container = Manifests.appContainer(deployment);
      Duration shutdownGrace = AppSettings.shutdownGrace(PodEnv.of(manifests, container).values());
      long preStop = Checks.preStopSleepSeconds(container);
      Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
      assertThat(grace).as("terminationGracePeriodSeconds of %s", deployment.getMetadata().getName())
          .isNotNull().isGreaterThan(preStop + shutdownGrace.toSeconds());
    }
    // the gateway pauses before SIGTERM so its pod leaves the Services before MQTT closes
    assertThat(Checks.preStopSleepSeconds(Manifests.appContainer(manifests.appDeployment("gateway")))).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void prometheusScrapesMetricsOnTheHttpPort(String dir) {
    Manifests manifests = Manifests.of(dir);
    for (Deployment deployment : manifests.appDeployments()) {
      Map<String, String> env = PodEnv.of(manifests, Manifests.appContainer(deployment)).values();
      Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
      assertThat(annotations).as("pod annotations of %s", deployment.getMetadata().getName())
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/path", "/metrics")
          .containsEntry("prometheus.io/port", String.valueOf(AppSettings.port(env, ApiSettings.HTTP_PORT.name())));
      // with TLS the port answers HTTPS only (Prometheus' usual pod relabelling reads this annotation)
      boolean https = env.get(ApiSettings.HTTP_TLS_CERT_PATH.name()) != null;
      assertThat(annotations.getOrDefault("prometheus.io/scheme", "http"))
          .as("prometheus.io/scheme of %s", deployment.getMetadata().getName()).isEqualTo(https ? "https" : "http");
    }
  }
}
