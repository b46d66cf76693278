package org.openastro.gateway.ingest;

import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Supplier;
import org.openastro.domain.NodeStatus;

/**
 * What the gateway last knew of a node's stored state (status, current task), kept per MQTT
 * connection (loaded with the node row at CONNECT) or per HTTP request (from the row read to
 * authenticate). It decides whether a heartbeat needs a state write at all: an unchanged heartbeat
 * costs only its history insert. State writes of one node run one after another, so two
 * heartbeats in flight can never store their changes in the wrong order. Used on one event loop.
 */
public final class KnownNodeState {
  private NodeStatus status;
  private UUID currentTaskId;
  private Future<?> stateWrites = Future.succeededFuture();

  public KnownNodeState(NodeStatus status, UUID currentTaskId) {
    this.status = status;
    this.currentTaskId = currentTaskId;
  }

  /** The state write a heartbeat needs, judged against (and recorded as) the latest known state. */
  public StateChange changeFor(HeartbeatReport report) {
    NodeStatus nextStatus = report.status() == null ? status : report.status();
    UUID nextTask = report.currentTaskGiven() ? report.currentTaskId() : currentTaskId;
    StateChange change = new StateChange(status, nextStatus, nextTask,
        nextStatus != status, !java.util.Objects.equals(nextTask, currentTaskId));
    status = nextStatus;
    currentTaskId = nextTask;
    return change;
  }

  /** Another writer's status turned out to be stored (a lost compare-and-set). */
  public void storedStatusIs(NodeStatus stored) {
    status = stored;
  }

  public NodeStatus status() {
    return status;
  }

  public UUID currentTaskId() {
    return currentTaskId;
  }

  /** Runs {@code write} after every earlier state write of this node has finished. */
  public Future<Void> afterEarlierWrites(Supplier<Future<Void>> write) {
    Future<Void> next = stateWrites.transform(ignored -> write.get());
    stateWrites = next;
    return next;
  }

  /**
   * The difference a heartbeat makes. {@code from} is the status believed stored before it, so
   * the status write can be a compare-and-set.
   */
  public record StateChange(NodeStatus from, NodeStatus to, UUID currentTaskId, boolean statusChanged,
      boolean taskChanged) {
    public boolean any() {
      return statusChanged || taskChanged;
    }
  }
}
