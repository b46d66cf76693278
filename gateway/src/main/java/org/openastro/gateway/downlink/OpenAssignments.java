package org.openastro.gateway.downlink;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.node.NodeTasks;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;

/**
 * The assignments a node should hold, read from Cassandra (tasks_by_node, then each task): what
 * a reconnecting MQTT node is sent and what an HTTP poll answers. Durable state rather than a
 * per-gateway outbox, so it is right whichever gateway the node reaches, after any restart.
 */
public final class OpenAssignments {
  private final NodeTasks nodeTasks;
  private final TaskRepository tasks;
  private final MissionRepository missions;

  public OpenAssignments(NodeTasks nodeTasks, TaskRepository tasks, MissionRepository missions) {
    this.nodeTasks = nodeTasks;
    this.tasks = tasks;
    this.missions = missions;
  }

  /** The node's open tasks (still assigned to it, PENDING or EXECUTING), as stored. */
  public Future<List<Task>> of(UUID nodeId) {
    return nodeTasks.openTaskIds(nodeId).compose(ids -> {
      List<Future<Optional<Task>>> reads = ids.stream().map(tasks::find).toList();
      return Future.all(reads).map(all -> reads.stream()
          .map(Future::result)
          .flatMap(Optional::stream)
          // the index can lag the task row: trust the row
          .filter(t -> nodeId.equals(t.assignedNodeId()) && NodeTasks.OPEN.contains(t.status()))
          .toList());
    });
  }

  /**
   * The node's open tasks as task JSON, each with {@code "mission"}: its mission's target (what
   * the HTTP long-poll answers; MQTT nodes get the same in their assignment messages).
   */
  public Future<List<JsonObject>> tasksWithTargets(UUID nodeId) {
    return messagesFor(nodeId).map(messages -> messages.stream().map(m -> {
      JsonObject task = m.getJsonObject("task").copy();
      JsonObject mission = m.getJsonObject("mission");
      return mission == null ? task : task.put("mission", mission);
    }).toList());
  }

  /** Assignment messages of the node's open tasks, each with its mission's target (one read per mission). */
  public Future<List<JsonObject>> messagesFor(UUID nodeId) {
    return of(nodeId).compose(open -> {
      Map<UUID, Future<Optional<Mission>>> reads = new HashMap<>();
      open.forEach(t -> reads.computeIfAbsent(t.missionId(), missions::find));
      return Future.all(List.copyOf(reads.values())).map(done -> open.stream()
          .map(t -> DownlinkMessages.assignment(nodeId, t, reads.get(t.missionId()).result().orElse(null)))
          .toList());
    });
  }
}
