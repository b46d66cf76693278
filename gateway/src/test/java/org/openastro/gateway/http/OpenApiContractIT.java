package org.openastro.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.http.ApiContract;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.ContractCoverage;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.config.Config;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.gateway.mqtt.GatewayFixture;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document cannot drift from the routes: every route the gateway mounts (as
 * {@link GatewayFixture#server} wires it, with Prometheus) is documented, and every documented operation is
 * mounted by the gateway or is one of the listed operations other modules mount (their tests check
 * those with {@link ContractCoverage}).
 */
@ExtendWith(CassandraExtension.class)
class OpenApiContractIT {
  /** Documented operations whose routes live in other modules (scheduler, archive, alerts). */
  static final Set<String> MOUNTED_ELSEWHERE = Set.of("createMission", "listMissions", "getMission",
      "listMissionTasks", "visibility", "listMissionArtifacts", "registerArtifact", "getArtifact",
      "uploadArtifactContent", "downloadArtifactContent", "headArtifactContent", "getArtifactTorrent", "submitAlert",
      "cancelMission",
      // the TOM Toolkit's facility API: scheduler (portal) and archive (frames)
      "lcoSubmitRequestGroup", "lcoListRequestGroups", "lcoValidateRequestGroup",
      "lcoGetRequestGroup", "lcoCancelRequestGroup", "lcoGetRequest", "lcoListObservations",
      "lcoProfile", "lcoInstruments", "lcoTelescopeStates", "lcoListFrames", "lcoGetFrame");

  static Vertx vertx;
  static HttpApiVerticle verticle;
  static Map<String, Object> doc;

  @BeforeAll
  static void load(CassandraTestNode node) throws Exception {
    vertx = Vertx.vertx();
    verticle = GatewayFixture.server(Config.from(Map.of()), TestKeyspace.shared(node).session(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    try (InputStream in = OpenApiContractIT.class.getClassLoader().getResourceAsStream(ApiContract.RESOURCE)) {
      assertThat(in).as(ApiContract.RESOURCE + " on the classpath").isNotNull();
      doc = new Yaml().load(in);
    }
  }

  @AfterAll
  static void close() {
    if (vertx != null) {
      Await.result(vertx.close());
    }
  }

  @Test
  void everyMountedRouteIsDocumentedAndEveryDocumentedOperationIsMounted() {
    List<ApiRoutes> groups = verticle.routeGroups();
    assertThat(ContractCoverage.mounted(vertx, groups)).contains("POST /api/v1/nodes", "POST /api/v1/enrolment-tokens", "GET /api/v1/nodes/{nodeId}",
        "POST /api/v1/nodes/{nodeId}/heartbeat", "POST /api/v1/nodes/{nodeId}/progress",
        "GET /api/v1/nodes/{nodeId}/tasks", "POST /api/v1/nodes/{nodeId}/secret", "GET /health/live",
        "GET /health/ready", "GET /metrics", "GET /openapi.yaml");
    assertThat(ContractCoverage.undocumented(vertx, groups)).as("mounted but not documented").isEmpty();
    assertThat(ContractCoverage.unmounted(vertx, groups)).as("documented but mounted by no gateway route group")
        .isSubsetOf(MOUNTED_ELSEWHERE);
    assertThat(ContractCoverage.documented().values()).containsAll(MOUNTED_ELSEWHERE);
  }

  @Test
  void anUndocumentedRouteOrOneForEveryMethodIsCaught() {
    List<ApiRoutes> groups = new ArrayList<>(verticle.routeGroups());
    groups.add(router -> router.get("/api/v1/nodes/:nodeId/secrets").handler(ctx -> ctx.end()));
    groups.add(router -> router.route("/api/v1/debug").handler(ctx -> ctx.end()));
    assertThat(ContractCoverage.undocumented(vertx, groups))
        .containsExactlyInAnyOrder("GET /api/v1/nodes/{nodeId}/secrets", "* /api/v1/debug");
    // a parameter named differently from the document is a different route
    List<ApiRoutes> renamed = List.of(router -> router.get("/api/v1/nodes/:id").handler(ctx -> ctx.end()));
    assertThat(ContractCoverage.undocumented(vertx, renamed)).containsExactly("GET /api/v1/nodes/{id}");
    assertThat(ContractCoverage.unmounted(vertx, renamed)).contains("getNode");
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentIsOpenApi31WithBothBearerSchemesAndTheErrorShape() {
    assertThat(String.valueOf(doc.get("openapi"))).startsWith("3.1");
    Map<String, Object> components = (Map<String, Object>) doc.get("components");
    Map<String, Object> schemes = (Map<String, Object>) components.get("securitySchemes");
    for (String scheme : List.of("nodeSecret", "apiKey")) {
      assertThat((Map<String, Object>) schemes.get(scheme)).as(scheme)
          .containsEntry("type", "http").containsEntry("scheme", "bearer");
    }
    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) components.get("schemas")).get("Error");
    assertThat(((Map<String, Object>) error.get("properties")).keySet()).containsExactlyInAnyOrder("error", "message", "field");
    assertThat((List<String>) error.get("required")).containsExactlyInAnyOrder("error", "message");
  }

  @Test
  @SuppressWarnings("unchecked")
  void securedOperationsDeclareTheirSchemeAndItsRefusals() {
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    paths.forEach((path, item) -> item.forEach((method, op) -> {
      if (!ApiContract.METHODS.contains(method)) {
        return;
      }
      String name = method + " " + path;
      Map<String, Object> operation = (Map<String, Object>) op;
      Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
      assertThat(responses).as(name).isNotEmpty();
      List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
      if (path.startsWith("/api/v1/nodes/{nodeId}/")) {
        assertThat(security).as(name).containsExactly(Map.of("nodeSecret", List.of()));
        assertThat(responses).as(name).containsKeys("401", "403", "503");
      } else if (security != null && security.equals(List.of(Map.of("nodeSecret", List.of()), Map.of("apiKey", List.of())))) {
        // the node's own secret or an admin key (PATCH /api/v1/nodes/{id})
        assertThat(responses).as(name).containsKeys("401", "403", "503");
      } else if (security != null && security.equals(List.of(Map.of("apiKey", List.of())))) {
        assertThat(responses).as(name + " needs a key").containsKeys("401", "403");
      } else if (path.startsWith("/api/v1/") && !"post".equals(method) && !name.equals("get /api/v1/nodes/{nodeId}")
          && !name.equals("get /api/v1/visibility")) {
        assertThat(security).as(name + ": an anonymous read a key may widen").contains(Map.of(), Map.of("apiKey", List.of()));
      }
      if (operation.containsKey("requestBody")) {
        assertThat(responses).as(name + " takes a body").containsKeys("400", "413", "415");
      }
    }));
    assertThat(paths.get("/api/v1/missions").get("post")).extracting(op -> ((Map<String, Object>) op).get("security"))
        .isEqualTo(List.of(Map.of("apiKey", List.of())));
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
