package org.openastro.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * One gateway process the simulated fleet may talk to: its address, HTTP and MQTT ports. A run
 * given several spreads its nodes over them and moves a node to the next one when its gateway
 * stops answering, as a load balancer in front of them would.
 */
record Gateway(String host, int httpPort, int mqttPort) {

  Gateway {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a gateway needs a host");
    }
    if (httpPort < 1 || httpPort > 65_535 || mqttPort < 1 || mqttPort > 65_535) {
      throw new IllegalArgumentException("gateway ports must be 1-65535, were " + httpPort + " and " + mqttPort);
    }
  }

  /** {@code host:httpPort:mqttPort[,host:httpPort:mqttPort...]}, as {@code --gateways} takes it. */
  static List<Gateway> parseList(String text) {
    List<Gateway> gateways = new ArrayList<>();
    for (String item : text.split(",")) {
      String[] parts = item.trim().split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException("--gateways wants host:httpPort:mqttPort items, got '" + item.trim() + "'");
      }
      try {
        gateways.add(new Gateway(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--gateways: ports must be numbers in '" + item.trim() + "'");
      }
    }
    if (gateways.isEmpty()) {
      throw new IllegalArgumentException("--gateways names no gateway");
    }
    return List.copyOf(gateways);
  }
}
