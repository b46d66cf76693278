package org.openastro.api.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares mounted routes with the OpenAPI document, for tests of any module: a route group's
 * routes as {@code "POST /api/v1/nodes/{nodeId}/heartbeat"} (Vert.x {@code :param} written as
 * {@code {param}}, so parameter names must match the document's), and the document's operations
 * in the same form. A route mounted for every method, or on a pattern, cannot be documented and
 * shows as {@code "* <path>"}; router-level handlers (no path) are not routes and are skipped.
 */
public final class ContractCoverage {
  private ContractCoverage() {}

  /** What {@code groups} mount, e.g. {@code "GET /api/v1/missions/{missionId}"}. */
  public static Set<String> mounted(Vertx vertx, List<ApiRoutes> groups) {
    Router router = Router.router(vertx);
    groups.forEach(g -> g.mount(router));
    Set<String> out = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path;
      if (route.getPath() != null) {
        path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      } else if (route.isRegexPath()) {
        path = "regex:" + route.getName();
      } else {
        continue; // a handler for every request, such as authentication
      }
      if (route.methods() == null || route.methods().isEmpty()) {
        out.add("* " + path);
      }
      for (HttpMethod m : route.methods() == null ? Set.<HttpMethod>of() : route.methods()) {
        out.add(m.name() + " " + path);
      }
    }
    return out;
  }

  /** Every operation of the document: {@code "METHOD path"} → operationId. */
  public static TreeMap<String, String> documented() {
    try {
      TreeMap<String, String> out = new TreeMap<>();
      OperationRules.of(ApiContract.parse(ApiContract.read()))
          .forEach((id, rules) -> out.put(rules.method() + " " + rules.path(), id));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mounted routes the document does not describe (should be empty). */
  public static Set<String> undocumented(Vertx vertx, List<ApiRoutes> groups) {
    Set<String> out = mounted(vertx, groups);
    out.removeAll(documented().keySet());
    return out;
  }

  /** The operationIds of documented operations that {@code groups} do not mount. */
  public static Set<String> unmounted(Vertx vertx, List<ApiRoutes> groups) {
    Set<String> mounted = mounted(vertx, groups);
    Set<String> out = new TreeSet<>();
    documented().forEach((route, id) -> {
      if (!mounted.contains(route)) {
        out.add(id);
      }
    });
    return out;
  }
}
