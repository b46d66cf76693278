package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.k8s.Manifests.COMPONENT_LABEL;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the scaled-out renderings (base, prod) promise: redundancy and spreading. */
class ScalingTest {
  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void moreThanOneSchedulerRuns(String dir) {
    // safe because every claim is a Cassandra LWT: two schedulers never assign a task twice
    assertThat(Manifests.of(dir).appDeployment("scheduler").getSpec().getReplicas()).isGreaterThan(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void gatewaysAutoscaleOnCpuFromAtLeastTwo(String dir) {
    Manifests manifests = Manifests.of(dir);
    Deployment gateway = manifests.appDeployment("gateway");
    HorizontalPodAutoscaler hpa = manifests.ofType(HorizontalPodAutoscaler.class).stream()
        .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(gateway.getMetadata().getName()))
        .findFirst().orElseThrow(() -> new AssertionError(dir + " has no HPA for the gateway"));
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(gateway.getSpec().getReplicas()).isBetween(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void gatewaysAreSpreadOverNodesAndZones(String dir) {
    Deployment gateway = Manifests.of(dir).appDeployment("gateway");
    PodSpec pod = gateway.getSpec().getTemplate().getSpec();
    var labels = gateway.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(pod.getTopologySpreadConstraints()).extracting(TopologySpreadConstraint::getTopologyKey)
        .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
    assertThat(pod.getTopologySpreadConstraints()).allSatisfy(c ->
        assertThat(Manifests.selects(c.getLabelSelector().getMatchLabels(), labels)).as("spread counts gateways").isTrue());
    assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
        .anySatisfy(term -> {
          assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
          assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
              .containsEntry(COMPONENT_LABEL, "gateway");
        });
  }
}
