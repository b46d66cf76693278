package org.openastro.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fields the typed model does not know. fabric8 keeps them in "additionalProperties" instead of
 * failing, and so would a careless reader: a misspelt field (say {@code terminationGracePeriod})
 * is silently dropped by the API server. Walking the typed objects finds every such field.
 */
final class UnknownFields {
  private UnknownFields() {}

  /** Paths such as {@code spec.template.spec.containers[0].imagePullPolicyy} of unknown fields. */
  static List<String> in(KubernetesResource resource) {
    List<String> found = new ArrayList<>();
    if (!(resource instanceof GenericKubernetesResource)) {
      walk(resource, "", found);
    }
    return found;
  }

  private static void walk(Object node, String path, List<String> found) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "[" + k + "]", found));
      return;
    }
    if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
        continue;
      }
      Object value = invoke(getter, node);
      String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) value).keySet().forEach(key -> found.add(path + (path.isEmpty() ? "" : ".") + key));
      } else {
        walk(value, path + (path.isEmpty() ? "" : ".") + name, found);
      }
    }
  }

  private static Object invoke(Method getter, Object node) {
    try {
      return getter.invoke(node);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + getter + ": " + e, e);
    }
  }
}
