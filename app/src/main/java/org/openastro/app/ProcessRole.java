package org.openastro.app;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A part a process runs; PROCESS_ROLES lists them. */
enum ProcessRole {
  /** The HTTP API with every route, and the MQTT server. */
  GATEWAY,
  /** The scheduler verticle; without the gateway role, an HTTP server with health and metrics only. */
  SCHEDULER;

  /** {@code gateway,scheduler} in any order and case; at least one, no unknown name. */
  static Set<ProcessRole> parse(String text) {
    Set<ProcessRole> roles = EnumSet.noneOf(ProcessRole.class);
    for (String part : text.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      try {
        roles.add(valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + name + "' is not a role; expected gateway and/or scheduler");
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("name at least one role: gateway, scheduler");
    }
    return Set.copyOf(roles);
  }
}
