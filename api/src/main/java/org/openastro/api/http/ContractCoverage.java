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
 *
 * <p>A path with a trailing slash and the same path without one are one route here, as they are
 * one operation to the validator (vertx-openapi matches both to it and refuses a document that
 * holds both): a route group may mount both forms of a documented path (the LCO portal's paths
 * end in a slash and the TOM Toolkit calls two of them without it).
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
    Set<String> documented = new TreeSet<>();
    documented().keySet().forEach(route -> documented.add(withoutTrailingSlash(route)));
    Set<String> out = mounted(vertx, groups);
    out.removeIf(route -> documented.contains(withoutTrailingSlash(route)));
    return out;
  }

  /** The operationIds of documented operations that {@code groups} do not mount. */
  public static Set<String> unmounted(Vertx vertx, List<ApiRoutes> groups) {
    Set<String> mounted = new TreeSet<>();
    mounted(vertx, groups).forEach(route -> mounted.add(withoutTrailingSlash(route)));
    Set<String> out = new TreeSet<>();
    documented().forEach((route, id) -> {
      if (!mounted.contains(withoutTrailingSlash(route))) {
        out.add(id);
      }
    });
    return out;
  }

  /** {@code "GET /a/b/"} as {@code "GET /a/b"}; a bare {@code "/"} stays. */
  static String withoutTrailingSlash(String route) {
    return route.endsWith("/") && !route.endsWith(" /") ? route.substring(0, route.length() - 1) : route;
  }
}
