package org.openastro.simulator;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A node's connection to the gateway, MQTT or HTTP. Every future completes, and every listener
 * call happens, on the node's own Vert.x context, so a node's state needs no locks.
 */
interface NodeLink {
  /** What the link tells its node. */
  interface Listener {
    /** A downlink message: {@code {"type": "assignment"|"cancellation", "node_id", "task": {...}}}. */
    void downlink(JsonObject message);

    /** The link went away without being asked to (not after {@link #drop()} or {@link #close()}). */
    void lost(String reason);
  }

  /** Connects (MQTT: CONNECT + SUBSCRIBE to the tasks topic); fails with a short reason. */
  Future<Void> connect();

  /** A heartbeat: {@code null} body = empty ("alive, nothing changed"). Succeeds when acknowledged. */
  Future<Void> heartbeat(JsonObject body);

  /** A progress report; succeeds when durable on the server, fails with {@link Refused} or a transport reason. */
  Future<Void> progress(JsonObject report);

  /** The node is idle and wants work (HTTP: long-poll; MQTT: the subscription already does). */
  void wantTasks();

  /** Cuts the connection abruptly: no DISCONNECT, no goodbye, in-flight requests reset. */
  void drop();

  /** Closes politely (end of the run). */
  Future<Void> close();

  /** The server refused a report for good (closed, unknown or foreign task): retrying cannot help. */
  final class Refused extends RuntimeException {
    final String reason;

    Refused(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }
}
