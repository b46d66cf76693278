package org.openastro.gateway.http;

import java.util.List;
import org.openastro.api.http.ApiRoutes;
import org.openastro.gateway.Gateway;

/** The gateway's HTTP route groups, mounted on the platform's server beside the other modules'. */
public final class GatewayRoutes {
  private GatewayRoutes() {}

  /**
   * Node registration and reads, enrolment tokens, and the node endpoints (heartbeat, progress,
   * tasks, secret).
   */
  public static List<ApiRoutes> of(Gateway gateway) {
    return List.of(new NodeRoutes(gateway), new EnrolmentTokenRoutes(gateway.enrolment()), new NodeIngestRoutes(gateway),
        new NodeListRoutes(gateway));
  }
}
