package org.openastro.api.http;

import io.vertx.ext.web.Router;

/** A group of routes of the HTTP API, mounted on the one router of the HTTP server. */
public interface ApiRoutes {
  void mount(Router router);
}
