package org.openastro.events;

/**
 * The event-bus contract between gateway and scheduler: every address and the JSON shape of its
 * messages, in one place. Field names follow DESIGN.md "On the wire" (snake_case, times as
 * ISO-8601 UTC strings, ids as UUID strings). Events are published (every subscriber gets them);
 * in clustered mode they cross processes, so they carry only JSON.
 */
public final class EventAddresses {
  /**
   * Heartbeats were persisted (also MQTT keep-alive pings, and connects), in batches, on the
   * address of the nodes' shard ({@link #nodeHeartbeat(int)}); this name is the addresses' common
   * stem and the console's event type. Gateways before the per-shard addresses published every
   * batch here; schedulers still listen here so that they can be upgraded before the gateways.
   */
  public static final String NODE_HEARTBEAT = "openastro.node.heartbeat";

  /**
   * The heartbeats of one shard's nodes, so that a scheduler instance receives only the nodes it
   * watches. The shard of a node is its nodes_by_status bucket ({@code Buckets.of(node_id)}, 0 to
   * {@code Buckets.COUNT - 1}). A gateway publishes one event per shard per
   * HEARTBEAT_EVENT_INTERVAL (100 ms) holding every heartbeat of that shard persisted meanwhile,
   * none coalesced, in the order persisted.
   * {@code {"heartbeats": [{"node_id", "received_at", "source": "mqtt"|"mqtt_ping"|"http",
   * "status": ONLINE|BUSY|PARKED|null (null = unchanged), "current_task_id": uuid|null}, ...]}}.
   * Consumers also accept a single entry as the whole event (what gateways before batching sent).
   */
  public static String nodeHeartbeat(int shard) {
    return NODE_HEARTBEAT + "." + shard;
  }

  /**
   * A progress report was persisted. Totals are cumulative, so a redelivered one is harmless.
   * {@code {"node_id", "task_id", "mission_id", "exposure_delivered_s", "status": EXECUTING|SUCCESS|FAILED,
   * "fits_object_storage_paths": [..], "received_at", "observed_at": the node's clock|null}}
   */
  public static final String NODE_PROGRESS = "openastro.node.progress";

  /**
   * A node's MQTT connection opened or closed on some gateway instance.
   * {@code {"node_id", "connected": bool, "gateway_id", "session_id", "at"}}. A close whose
   * session_id is not the node's newest session is stale (the node reconnected elsewhere).
   */
  public static final String NODE_CONNECTION = "openastro.node.connection";

  /**
   * Work for a node, sent by the scheduler; the gateway holding the node's connection publishes it
   * on {@code openastro/v1/nodes/{node_id}/tasks} at QoS 1; a node that is offline gets it from
   * Cassandra when it reconnects (or long-polls over HTTP).
   * {@code {"type": "assignment"|"cancellation", "node_id", "task": {task JSON as on the wire}}}
   */
  public static final String NODE_DOWNLINK = "openastro.node.downlink";

  /**
   * A mission reached its required exposure: the stacking pipeline's trigger. The reference stacker
   * (stacker role) starts on it; its durable work list is the stacking outbox, so a lost event only
   * delays a stack.
   * {@code {"mission_id", "total_exposure_required_s", "total_exposure_completed_s", "completed_at"}}
   */
  public static final String MISSION_COMPLETED = "openastro.mission.completed";

  /**
   * A mission was just created and should be planned and assigned at once rather than at the
   * scheduler's next mission sweep: published by the one mission intake for every new mission,
   * whichever route or feed brought it. Every scheduler instance gets it; their planning lease and assignment LWTs keep
   * the work single. Losing it costs only latency: the sweep plans the mission anyway.
   * {@code {"mission_id", "priority", "science_case", "alert_source_id": string|null, "created_at"}}
   */
  public static final String MISSION_CREATED = "openastro.mission.created";

  /**
   * An alert mission's target moved to a newer localization of its event (a later notice): its
   * assigned open tasks were re-sent with the new target or, where the node cannot see it, closed.
   * Every scheduler instance plans the mission's uncovered exposure at once over windows of the new
   * position (its planning lease keeps the work single); losing it costs only latency.
   * {@code {"mission_id", "alert_source_id", "target_ra", "target_dec", "error_radius_deg": number|null,
   * "changed": ["target", "error_radius"], "relocated_at"}}
   */
  public static final String MISSION_RELOCATED = "openastro.mission.relocated";

  /**
   * A node's secret was rotated ({@code POST /api/v1/nodes/{id}/secret}): the old secret no longer
   * authenticates. Every gateway closes the node's MQTT session (MQTT 5: DISCONNECT 0x87 "not
   * authorized") and forgets its cached credential; the node reconnects with the new secret.
   * {@code {"node_id", "rotated_at"}}
   */
  public static final String NODE_SECRET_ROTATED = "openastro.node.secret-rotated";

  /**
   * The scheduler moved a node's status: a fault (ONLINE|BUSY -> FAULTED, no heartbeat for the
   * fault time) or a recovery (FAULTED -> ONLINE, it heartbeats again). Published by the instance
   * whose compare-and-set made the move, so once across schedulers; for watchers such as the
   * operator console (statuses a node reports itself ride on {@link #NODE_HEARTBEAT}).
   * {@code {"node_id", "status", "previous_status", "at"}}
   */
  public static final String NODE_STATUS = "openastro.node.status";

  private EventAddresses() {}
}
