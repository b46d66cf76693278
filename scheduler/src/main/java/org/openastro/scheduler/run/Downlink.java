package org.openastro.scheduler.run;

import io.vertx.core.eventbus.EventBus;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.events.EventAddresses;

/**
 * Work for nodes, over the gateway's downlink ({@link EventAddresses#NODE_DOWNLINK}). Published,
 * not sent: whichever gateway instance holds the node's connection forwards it, the others ignore
 * it; a node that is offline gets its open tasks from Cassandra when it reconnects.
 */
final class Downlink {
  private final EventBus bus;

  Downlink(EventBus bus) {
    this.bus = bus;
  }

  /** With the mission's target (RA/Dec, minimum altitude, science case): what a node needs to point. */
  void assignment(Task task, Mission mission) {
    bus.publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.assignment(task.assignedNodeId(), task, mission));
  }

  void cancellation(Task task) {
    bus.publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.cancellation(task.assignedNodeId(), task));
  }
}
