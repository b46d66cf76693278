package org.openastro.scheduler.run;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.openastro.cql.task.Task;
import org.openastro.events.EventAddresses;
import org.openastro.scheduler.wire.WireJson;

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

  void assignment(Task task) {
    publish("assignment", task);
  }

  void cancellation(Task task) {
    publish("cancellation", task);
  }

  private void publish(String type, Task task) {
    bus.publish(EventAddresses.NODE_DOWNLINK, new JsonObject()
        .put("type", type)
        .put("node_id", task.assignedNodeId().toString())
        .put("task", WireJson.task(task)));
  }
}
