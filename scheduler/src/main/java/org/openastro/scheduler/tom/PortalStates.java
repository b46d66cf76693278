package org.openastro.scheduler.tom;

import java.util.List;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;

/**
 * OpenAstro's states in the portal's words. A request is a mission, an observation block is a
 * task, a telescope is a node; a request group's state is aggregated from its requests' as the
 * portal does it (the first state found in an order that depends on the operator).
 */
final class PortalStates {
  static final String PENDING = "PENDING";
  static final String COMPLETED = "COMPLETED";
  static final String WINDOW_EXPIRED = "WINDOW_EXPIRED";
  static final String CANCELED = "CANCELED";
  /** SINGLE: a group is expired as soon as a request is; then pending while any is. */
  private static final List<String> SINGLE_ORDER = List.of(WINDOW_EXPIRED, PENDING, COMPLETED, CANCELED);
  /** MANY: independent requests; pending while any is, then completed if any did. */
  private static final List<String> MANY_ORDER = List.of(PENDING, COMPLETED, WINDOW_EXPIRED, CANCELED);

  private PortalStates() {}

  /** A request's state: an open mission (PENDING or IN_PROGRESS) is a PENDING request. */
  static String request(MissionStatus status) {
    return switch (status) {
      case PENDING, IN_PROGRESS -> PENDING;
      case COMPLETE -> COMPLETED;
      case EXPIRED -> WINDOW_EXPIRED;
      case CANCELLED -> CANCELED;
    };
  }

  /** The group's state from its requests' states (in the order of the requests). */
  static String group(String operator, List<String> requestStates) {
    for (String state : "MANY".equals(operator) ? MANY_ORDER : SINGLE_ORDER) {
      if (requestStates.contains(state)) {
        return state;
      }
    }
    return PENDING; // a group always has a request; kept total for the type's sake
  }

  /**
   * An observation block's state: a task interrupted with its delivered seconds kept (a
   * preemption, a fault) is ABORTED, as an observation stopped part-way is at the portal.
   */
  static String observation(TaskStatus status) {
    return switch (status) {
      case PENDING -> PENDING;
      case EXECUTING -> "IN_PROGRESS";
      case SUCCESS -> COMPLETED;
      case PARTIAL_COMPLETE -> "ABORTED";
      case FAILED -> "FAILED";
      case CANCELLED -> CANCELED;
    };
  }

  /** A telescope's state event: type and reason, as in the portal's {@code telescope_states}. */
  record TelescopeEvent(String type, String reason) {}

  /** A node's status as a telescope state: busy nodes are available (to the scheduler, which uses them). */
  static TelescopeEvent telescope(NodeStatus status) {
    return switch (status) {
      case ONLINE -> new TelescopeEvent("AVAILABLE", "Available for scheduling");
      case BUSY -> new TelescopeEvent("AVAILABLE", "Available for scheduling (observing)");
      case PARKED -> new TelescopeEvent("NOT_AVAILABLE", "Parked by its node");
      case FAULTED -> new TelescopeEvent("SITE_AGENT_UNRESPONSIVE", "No heartbeat: the node is silent");
    };
  }
}
