package org.openastro.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The operations of the OpenAPI document as a fuzzer needs them: parameters, body schemas, security. */
final class FuzzSpec {
  static final List<String> METHODS = List.of("get", "put", "post", "delete", "head", "patch", "options");

  /** One documented operation; parameters and schemas with every {@code $ref} still in place (see {@link #resolve}). */
  record Operation(String id, String method, String path, List<Map<String, Object>> parameters,
      Map<String, Object> bodyContent, boolean bodyRequired, boolean nodeSecret, boolean apiKey, boolean anonymous) {
    String label() {
      return method.toUpperCase(Locale.ROOT) + " " + path + " (" + id + ")";
    }

    List<Map<String, Object>> parameters(String in) {
      return parameters.stream().filter(p -> in.equals(p.get("in"))).toList();
    }
  }

  final Map<String, Object> document;
  final List<Operation> operations = new ArrayList<>();

  @SuppressWarnings("unchecked")
  FuzzSpec(InputStream yaml) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(10 * 1024 * 1024);
    try (yaml) {
      document = (Map<String, Object>) new Yaml(options).load(yaml);
    }
    Map<String, Object> paths = (Map<String, Object>) document.get("paths");
    paths.forEach((path, item) -> {
      Map<String, Object> pathItem = (Map<String, Object>) item;
      List<Map<String, Object>> shared = params(pathItem.get("parameters"));
      for (String method : METHODS) {
        Map<String, Object> op = (Map<String, Object>) pathItem.get(method);
        if (op == null) {
          continue;
        }
        List<Map<String, Object>> parameters = new ArrayList<>(shared);
        parameters.addAll(params(op.get("parameters")));
        Map<String, Object> body = (Map<String, Object>) resolve(op.get("requestBody"));
        Map<String, Object> content = body == null ? null : (Map<String, Object>) body.get("content");
        boolean nodeSecret = false;
        boolean apiKey = false;
        boolean anonymous = true;
        List<Map<String, Object>> security = (List<Map<String, Object>>) op.get("security");
        if (security != null) {
          anonymous = security.stream().anyMatch(Map::isEmpty);
          nodeSecret = security.stream().anyMatch(s -> s.containsKey("nodeSecret"));
          apiKey = security.stream().anyMatch(s -> s.containsKey("apiKey"));
        }
        operations.add(new Operation((String) op.get("operationId"), method, path, parameters,
            content == null ? null : new LinkedHashMap<>(content), body != null && Boolean.TRUE.equals(body.get("required")),
            nodeSecret, apiKey, anonymous));
      }
    });
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> params(Object list) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (list != null) {
      for (Object p : (List<Object>) list) {
        out.add((Map<String, Object>) resolve(p));
      }
    }
    return out;
  }

  /** Follows a local {@code $ref} (repeatedly); anything else as it is. */
  @SuppressWarnings("unchecked")
  Object resolve(Object node) {
    while (node instanceof Map<?, ?> map && map.get("$ref") instanceof String ref) {
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("not a local $ref: " + ref);
      }
      Object at = document;
      for (String part : ref.substring(2).split("/")) {
        at = ((Map<String, Object>) at).get(part.replace("~1", "/").replace("~0", "~"));
      }
      if (map.size() > 1) {
        // siblings of $ref (OpenAPI 3.1): the referenced schema with them laid over it
        Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) at);
        map.forEach((k, v) -> {
          if (!"$ref".equals(k)) {
            merged.put((String) k, v);
          }
        });
        at = merged;
      }
      node = at;
    }
    return node;
  }
}
