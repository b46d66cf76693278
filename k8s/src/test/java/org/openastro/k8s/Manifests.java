package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The objects one kustomization renders to, parsed as typed fabric8 objects (kinds fabric8 does
 * not know, such as operator resources, become {@link GenericKubernetesResource}), with the
 * look-ups the checks need.
 */
final class Manifests {
  static final String APP_NAME_LABEL = "app.kubernetes.io/name";
  static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  static final String APP_NAME = "openastro";
  static final String IMAGE = "ghcr.io/openastro/openastro:0.1.0";

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

  private final String name;
  private final List<HasMetadata> objects;

  private Manifests(String name, List<HasMetadata> objects) {
    this.name = name;
    this.objects = List.copyOf(objects);
  }

  /** The rendering of {@code k8s/<relativeDir>}, e.g. "base" or "overlays/dev" (rendered once per run). */
  static Manifests of(String relativeDir) {
    return RENDERED.computeIfAbsent(relativeDir, dir -> parse(dir, Kustomize.render(Kustomize.k8sDir().resolve(dir))));
  }

  static Manifests parse(String name, String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document.isBlank()) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(document);
      assertThat(parsed).as("a document of %s: %s", name, document).isInstanceOf(HasMetadata.class);
      objects.add((HasMetadata) parsed);
    }
    assertThat(objects).as("objects rendered by %s", name).isNotEmpty();
    return new Manifests(name, objects);
  }

  String name() {
    return name;
  }

  List<HasMetadata> all() {
    return objects;
  }

  <T extends HasMetadata> List<T> ofType(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
    return ofType(type).stream().filter(o -> o.getMetadata().getName().equals(objectName)).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String objectName) {
    return find(type, objectName).orElseThrow(() -> new AssertionError(
        name + " renders no " + type.getSimpleName() + " named " + objectName + "; it has "
            + ofType(type).stream().map(o -> o.getMetadata().getName()).toList()));
  }

  /** Resources of a kind fabric8 has no class for (custom resources). */
  List<GenericKubernetesResource> custom(String kind) {
    return ofType(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
  }

  /** The OpenAstro Deployments (gateway, scheduler). */
  List<Deployment> appDeployments() {
    return ofType(Deployment.class).stream()
        .filter(d -> APP_NAME.equals(d.getSpec().getTemplate().getMetadata().getLabels().get(APP_NAME_LABEL)))
        .toList();
  }

  Deployment appDeployment(String component) {
    return appDeployments().stream()
        .filter(d -> component.equals(d.getSpec().getTemplate().getMetadata().getLabels().get(COMPONENT_LABEL)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " renders no OpenAstro Deployment for " + component));
  }

  /** Every pod template with its owner's name: Deployments and StatefulSets. */
  Map<String, PodTemplateSpec> podTemplates() {
    Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
    ofType(Deployment.class).forEach(d -> templates.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
    ofType(StatefulSet.class).forEach(s -> templates.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
    return templates;
  }

  /** The single OpenAstro container of a Deployment. */
  static Container appContainer(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).as("containers of %s", deployment.getMetadata().getName()).hasSize(1);
    return containers.get(0);
  }

  Optional<ConfigMap> configMap(String objectName) {
    return find(ConfigMap.class, objectName);
  }

  Optional<Secret> secret(String objectName) {
    return find(Secret.class, objectName);
  }

  /** Whether every entry of {@code selector} is among {@code labels} (Kubernetes equality selection). */
  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null && !selector.isEmpty() && labels != null
        && labels.entrySet().containsAll(selector.entrySet());
  }

  @Override
  public String toString() {
    return name;
  }
}
