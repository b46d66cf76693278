package org.openastro.app;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A part a process runs; PROCESS_ROLES lists them. */
enum ProcessRole {
  /** The HTTP API with every route, and the MQTT server. */
  GATEWAY,
  /** The scheduler verticle; without the gateway role, an HTTP server with health and metrics only. */
  SCHEDULER,
  /**
   * The reference stacking pipeline (COMPLETE missions' RAW_FITS into a STACKED_FITS), when
   * STACKING_ENABLED; without the gateway role, an HTTP server with health and metrics only.
   */
  STACKER;

  /** {@code gateway,scheduler,stacker} in any order and case; at least one, no unknown name. */
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
      throw new IllegalArgumentException("name at least one role: gateway, scheduler, stacker");
    }
    return Set.copyOf(roles);
  }
}
