package org.openastro.scheduler.run;

import io.vertx.core.eventbus.EventBus;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.events.EventAddresses;

/**
 * The downlink over the gateway's event-bus address ({@link EventAddresses#NODE_DOWNLINK}).
 * Published, not sent: whichever gateway instance holds the node's connection forwards it, the
 * others ignore it.
 */
final class BusDownlink implements Downlink {
  private final EventBus bus;

  BusDownlink(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public void assignment(Task task, Mission mission) {
    bus.publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.assignment(task.assignedNodeId(), task, mission));
  }

  @Override
  public void cancellation(Task task, String reason, java.util.UUID preemptedBy) {
    bus.publish(EventAddresses.NODE_DOWNLINK,
        DownlinkMessages.cancellation(task.assignedNodeId(), task, reason, preemptedBy));
  }

  @Override
  public void cancellation(Task task) {
    bus.publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.cancellation(task.assignedNodeId(), task));
  }
}
