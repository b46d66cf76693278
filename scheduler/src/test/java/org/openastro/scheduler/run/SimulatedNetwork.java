package org.openastro.scheduler.run;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openastro.config.Config;
import org.openastro.cql.Buckets;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.cql.ingest.TaskProgress;
import org.openastro.cql.ingest.TaskProgressWriter;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;
import org.openastro.cql.task.Task;
import org.openastro.cql.testing.Await;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;
import org.openastro.events.EventAddresses;

/**
 * Stands in for the gateway and the telescopes: writes heartbeats and progress the way the
 * gateway's ingest does (its own cql writers), then publishes the documented events. Nodes sit
 * at 60°N and missions look at Dec +89° with no night requirement, so every node sees every
 * target at any hour of the real clock.
 */
final class SimulatedNetwork implements AutoCloseable {
  static final Map<String, String> FAST = Map.of(
      "SCHEDULER_HEARTBEAT_INTERVAL", "1s",
      "SCHEDULER_TICK", "100ms",
      "SCHEDULER_MISSION_SWEEP", "300ms",
      "SCHEDULER_REPLAN_INTERVAL", "200ms",
      "MISSION_COMPLETED_WEBHOOK_RETRY_INITIAL", "100ms",
      "MISSION_COMPLETED_WEBHOOK_RETRY_MAX", "400ms");

  final Vertx vertx = Vertx.vertx();
  private final NodeRepository nodes;
  private final HeartbeatHistoryWriter heartbeats;
  private final TaskProgressWriter progress;
  private final Map<UUID, Long> beating = new ConcurrentHashMap<>();
  /** Further scheduler instances' Vert.x: events reach them too, as on a clustered event bus. */
  private final List<Vertx> peers = new CopyOnWriteArrayList<>();

  SimulatedNetwork(CqlSession session) {
    this.nodes = new NodeRepository(session);
    this.heartbeats = new HeartbeatHistoryWriter(session, Duration.ofDays(1));
    this.progress = new TaskProgressWriter(session);
  }

  static Config config(Map<String, String> extra) {
    return Config.from(FAST).with(extra);
  }

  /** From now on heartbeats, progress and {@link #publish}ed events reach {@code peer}'s bus as well. */
  void alsoPublishTo(Vertx peer) {
    peers.add(peer);
  }

  /** Publishes on this network's bus and on every peer's. */
  void publish(String address, JsonObject event) {
    vertx.eventBus().publish(address, event);
    peers.forEach(peer -> peer.eventBus().publish(address, event.copy()));
  }

  UUID onlineNode(double reliability) {
    return onlineNode(UUID.randomUUID(), reliability);
  }

  /** An ONLINE node whose id falls in scheduler shard {@code shard} (its nodes_by_status bucket). */
  UUID onlineNodeIn(int shard) {
    UUID id;
    do {
      id = UUID.randomUUID();
    } while (org.openastro.cql.Buckets.of(id) != shard);
    return onlineNode(id, 0.5);
  }

  UUID onlineNode(UUID id, double reliability) {
    Node node = new Node(id, NodeStatus.ONLINE, 60, 10, 100, 300, 1.0, Set.of("V"), MountType.EQ,
        ControlProtocol.INDI, reliability, null, null, Instant.now(), Instant.now());
    Await.result(nodes.register(node));
    heartbeat(node.nodeId());
    return node.nodeId();
  }

  static Mission mission(double exposureS, int priority, Instant end) {
    return new Mission(UUID.randomUUID(), 30, 89, ScienceCase.DEEP_STACK, exposureS, 0, priority, null, end,
        MissionStatus.PENDING, null, 30, false, Set.of(), null, null, "it", Instant.now());
  }

  /** Heartbeats every 250 ms until {@link #silence}. */
  void keepBeating(UUID nodeId) {
    beating.put(nodeId, vertx.setPeriodic(250, id -> heartbeat(nodeId)));
  }

  void silence(UUID nodeId) {
    Long timer = beating.remove(nodeId);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  void heartbeat(UUID nodeId) {
    Instant at = Instant.now();
    heartbeats.write(List.of(heartbeats.insertOf(new HeartbeatRow(nodeId, at, "mqtt", null, null, null))))
        .onSuccess(x -> publish(EventAddresses.nodeHeartbeat(Buckets.of(nodeId)), new JsonObject()
            .put("heartbeats", new JsonArray().add(new JsonObject()
                .put("node_id", nodeId.toString()).put("received_at", at.toString()).put("source", "mqtt")
                .putNull("status").putNull("current_task_id")))));
  }

  void report(UUID nodeId, Task task, double deliveredS, TaskStatus status) {
    Instant at = Instant.now();
    var outcome = Await.result(progress.apply(new TaskProgress(nodeId, task.taskId(), deliveredS, status, List.of(), at)));
    if (outcome.accepted()) {
      publish(EventAddresses.NODE_PROGRESS, new JsonObject()
          .put("node_id", nodeId.toString()).put("task_id", task.taskId().toString())
          .put("mission_id", task.missionId().toString()).put("exposure_delivered_s", outcome.exposureDeliveredS())
          // as the gateway publishes it: the task's status after the report
          .put("status", outcome.status().name()).put("fits_object_storage_paths", List.of()).put("received_at", at.toString()));
    }
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}
