package org.openastro.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.config.Config;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.gateway.Gateway;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document of the node-facing HTTP API cannot drift from the routes: every path and
 * method the node route groups mount is documented, and every documented one is mounted.
 */
@ExtendWith(CassandraExtension.class)
class OpenApiContractIT {
  static final String DOCUMENT = "/openapi/openastro-nodes.yaml";
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  static Vertx vertx;
  static Gateway gateway;
  static Map<String, Object> doc;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load(CassandraTestNode node) throws Exception {
    gateway = new Gateway(Config.from(Map.of()), TestKeyspace.shared(node).session(), new SimpleMeterRegistry());
    vertx = Vertx.vertx();
    try (InputStream in = OpenApiContractIT.class.getResourceAsStream(DOCUMENT)) {
      assertThat(in).as(DOCUMENT + " on the classpath").isNotNull();
      doc = new Yaml().load(in);
    }
  }

  @AfterAll
  static void close() {
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  /** "POST /api/v1/nodes/{nodeId}/heartbeat" for every route the node route groups mount. */
  static Set<String> mounted() {
    Router router = Router.router(vertx);
    new NodeRoutes(gateway).mount(router);
    new NodeIngestRoutes(gateway).mount(router);
    Set<String> out = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      assertThat(route.getPath()).as("a node route without a path").isNotNull();
      assertThat(route.methods()).as("a node route for every method: " + route.getPath()).isNotEmpty();
      String path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod m : route.methods()) {
        out.add(m.name() + " " + path);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> paths() {
    return (Map<String, Map<String, Object>>) doc.get("paths");
  }

  static Set<String> documented() {
    Set<String> out = new TreeSet<>();
    paths().forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
        .forEach(m -> out.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    return out;
  }

  @Test
  void everyMountedNodeRouteIsDocumentedAndViceVersa() {
    Set<String> mounted = mounted();
    assertThat(mounted).contains("POST /api/v1/nodes", "GET /api/v1/nodes/{nodeId}",
        "POST /api/v1/nodes/{nodeId}/heartbeat", "POST /api/v1/nodes/{nodeId}/progress",
        "GET /api/v1/nodes/{nodeId}/tasks", "POST /api/v1/nodes/{nodeId}/secret");
    assertThat(documented()).isEqualTo(mounted);
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentIsOpenApi3WithBearerSecurityAndTheErrorShape() {
    assertThat(String.valueOf(doc.get("openapi"))).startsWith("3.0");
    Map<String, Object> components = (Map<String, Object>) doc.get("components");
    Map<String, Object> bearer = (Map<String, Object>) ((Map<String, Object>) components.get("securitySchemes"))
        .get("nodeSecret");
    assertThat(bearer).containsEntry("type", "http").containsEntry("scheme", "bearer");
    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) components.get("schemas")).get("Error");
    assertThat(((Map<String, Object>) error.get("properties")).keySet()).containsExactlyInAnyOrder("error", "message", "field");
    assertThat((List<String>) error.get("required")).containsExactlyInAnyOrder("error", "message");
  }

  @Test
  @SuppressWarnings("unchecked")
  void nodeEndpointsRequireTheBearerAndAnswerItsRefusals() {
    paths().forEach((path, item) -> item.forEach((method, op) -> {
      if (!METHODS.contains(method)) {
        return;
      }
      Map<String, Object> operation = (Map<String, Object>) op;
      Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
      assertThat(responses).as(method + " " + path).isNotEmpty();
      if (path.startsWith("/api/v1/nodes/{nodeId}/")) {
        assertThat((List<Map<String, Object>>) operation.get("security")).as(method + " " + path)
            .containsExactly(Map.of("nodeSecret", List.of()));
        assertThat(responses).as(method + " " + path).containsKeys("401", "403", "503");
      }
    }));
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      Object target = doc;
      for (String part : ref.substring(2).split("/")) {
        assertThat(target).as(ref).isInstanceOf(Map.class);
        target = ((Map<?, ?>) target).get(part);
      }
      assertThat(target).as(ref).isNotNull();
    }
  }

  static void collectRefs(Object node, List<String> out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if ("$ref".equals(k)) {
          out.add(String.valueOf(v));
        } else {
          collectRefs(v, out);
        }
      });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collectRefs(v, out));
    }
  }
}
