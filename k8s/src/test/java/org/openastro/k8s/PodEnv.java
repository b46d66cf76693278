package org.openastro.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a container starts with, resolved from the rendered objects as the kubelet
 * would: envFrom ConfigMaps first, then env entries (literal values and Secret keys) on top.
 * References that point nowhere in the rendering are collected for the checks to judge.
 */
final class PodEnv {
  /** Stands for a value from a Secret that is not in the manifests (made by an operator, say). */
  static final String EXTERNAL_SECRET_VALUE = "value-from-an-external-secret";

  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> missingConfigMaps = new ArrayList<>();
  private final List<SecretKeySelector> secretKeyRefs = new ArrayList<>();
  private final java.util.Set<String> fromSecrets = new java.util.LinkedHashSet<>();

  private PodEnv() {}

  static PodEnv of(Manifests manifests, Container container) {
    PodEnv env = new PodEnv();
    for (EnvFromSource from : nullSafe(container.getEnvFrom())) {
      if (from.getConfigMapRef() != null) {
        String name = from.getConfigMapRef().getName();
        manifests.configMap(name).map(ConfigMap::getData).ifPresentOrElse(
            env.values::putAll, () -> env.missingConfigMaps.add(name));
      }
      if (from.getSecretRef() != null) {
        manifests.secret(from.getSecretRef().getName()).ifPresent(s -> {
          env.values.putAll(secretData(s));
          env.fromSecrets.addAll(secretData(s).keySet());
        });
      }
    }
    for (EnvVar var : nullSafe(container.getEnv())) {
      env.fromSecrets.remove(var.getName());
      if (var.getValueFrom() == null) {
        env.values.put(var.getName(), var.getValue() == null ? "" : var.getValue());
      } else if (var.getValueFrom().getSecretKeyRef() != null) {
        SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
        env.secretKeyRefs.add(ref);
        env.fromSecrets.add(var.getName());
        String value = manifests.secret(ref.getName()).map(s -> secretData(s).get(ref.getKey()))
            .orElse(EXTERNAL_SECRET_VALUE);
        env.values.put(var.getName(), value == null ? EXTERNAL_SECRET_VALUE : value);
      } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
        String cm = var.getValueFrom().getConfigMapKeyRef().getName();
        String key = var.getValueFrom().getConfigMapKeyRef().getKey();
        manifests.configMap(cm).ifPresentOrElse(
            c -> env.values.put(var.getName(), c.getData().get(key)), () -> env.missingConfigMaps.add(cm));
      } else {
        env.values.put(var.getName(), "value-from-field");
      }
    }
    return env;
  }

  /** Name to value; a Secret's value is its content when the Secret is rendered. */
  Map<String, String> values() {
    return values;
  }

  /** Variables whose value comes from a Secret: deployment-specific, not decided by the manifests. */
  java.util.Set<String> fromSecrets() {
    return fromSecrets;
  }

  /** The values the manifests themselves decide: all but those from Secrets. */
  Map<String, String> valuesWithoutSecrets() {
    Map<String, String> decided = new LinkedHashMap<>(values);
    decided.keySet().removeAll(fromSecrets);
    return decided;
  }

  List<String> missingConfigMaps() {
    return missingConfigMaps;
  }

  List<SecretKeySelector> secretKeyRefs() {
    return secretKeyRefs;
  }

  /** A Secret's content: stringData as written, data decoded. */
  static Map<String, String> secretData(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    return data;
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
