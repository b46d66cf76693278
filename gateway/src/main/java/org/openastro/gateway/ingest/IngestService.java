package org.openastro.gateway.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.openastro.api.http.OverloadedException;
import org.openastro.config.Config;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.ingest.ExposureLimit;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.cql.ingest.ProgressOutcome;
import org.openastro.cql.ingest.TaskProgressWriter;
import org.openastro.cql.node.NodeStateWriter;
import org.openastro.domain.NodeStatus;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.GatewaySettings;
import org.openastro.gateway.ingest.KnownNodeState.StateChange;
import org.openastro.gateway.ingest.ReportException.Code;

/**
 * Persists heartbeats and progress, whatever the transport, and tells the scheduler afterwards.
 * A returned future succeeds only when the report is durable in Cassandra: transports acknowledge
 * (PUBACK, 2xx) on success and never before.
 *
 * <p>Heartbeat write: one history insert; the node row only when the reported status or current
 * task differs from what is known ({@link KnownNodeState}). Liveness is the newest history row.
 */
public final class IngestService {
  public static final String SOURCE_MQTT = "mqtt";
  public static final String SOURCE_MQTT_PING = "mqtt_ping";
  public static final String SOURCE_HTTP = "http";

  private final HeartbeatBatcher heartbeats;
  private final NodeStateWriter stateWriter;
  private final TaskProgressWriter progressWriter;
  private final WriteGate gate;
  private final ReceiveClock clock;
  private final IngestMetrics metrics;
  private final HeartbeatEvents heartbeatEvents;
  private final ExposureLimit exposureLimit;

  /**
   * {@code settings}: {@link IngestSettings#HEARTBEAT_EVENT_INTERVAL} (how long persisted heartbeats
   * gather before one batch event is published) and the heartbeat batch limits.
   */
  public IngestService(HeartbeatHistoryWriter history, NodeStateWriter stateWriter, TaskProgressWriter progressWriter,
      WriteGate gate, ReceiveClock clock, IngestMetrics metrics, Config settings) {
    this.heartbeatEvents = new HeartbeatEvents(settings.get(IngestSettings.HEARTBEAT_EVENT_INTERVAL));
    this.heartbeats = new HeartbeatBatcher(history, metrics, settings.get(IngestSettings.HEARTBEAT_BATCH_MAX_ROWS),
        settings.get(IngestSettings.HEARTBEAT_BATCH_MAX_BYTES));
    this.stateWriter = stateWriter;
    this.progressWriter = progressWriter;
    this.gate = gate;
    this.clock = clock;
    this.metrics = metrics;
    this.exposureLimit = new ExposureLimit(settings.get(GatewaySettings.PROGRESS_MAX_EXPOSURE_RATE),
        settings.get(GatewaySettings.PROGRESS_EXPOSURE_SLACK));
  }

  /**
   * Records a heartbeat. With {@code mayDrop} (QoS 0, pings) it is not written at all when no write
   * slot is free, and the drop is counted; otherwise it waits for a slot, or fails with
   * {@link OverloadedException} when too many writes are already waiting.
   */
  public Future<Void> heartbeat(UUID nodeId, String source, HeartbeatReport report, KnownNodeState state,
      boolean mayDrop) {
    Instant receivedAt = clock.stamp(nodeId);
    NodeStatus statusBefore = state.status();
    UUID taskBefore = state.currentTaskId();
    StateChange change = state.changeFor(report);
    HeartbeatRow row = new HeartbeatRow(nodeId, receivedAt, source,
        report.status() == null ? null : report.status().name(), state.currentTaskId(), report.telemetry());
    Supplier<Future<Void>> write = () -> {
      Future<Void> historyWrite = heartbeats.record(row);
      return change.any()
          ? Future.all(historyWrite, state.afterEarlierWrites(() -> writeState(nodeId, change, state, receivedAt)))
              .mapEmpty()
          : historyWrite;
    };
    Future<Void> written = mayDrop ? gate.submitIfFree(write) : gate.submit(write);
    return written.andThen(result -> {
      if (result.succeeded()) {
        metrics.heartbeatAccepted(source);
        var context = Vertx.currentContext();
        if (context != null) {
          heartbeatEvents.add(context.owner(), new HeartbeatEvents.Entry(nodeId, receivedAt, source, report.status(),
              state.currentTaskId()));
        }
        return;
      }
      if (change.any() && state.status() == change.to()
          && java.util.Objects.equals(state.currentTaskId(), change.currentTaskId())) {
        // Nothing newer was learnt meanwhile: forget the unwritten change so the next heartbeat writes it.
        state.storedStatusIs(statusBefore);
        state.changeFor(new HeartbeatReport(null, true, taskBefore, null));
      }
      metrics.heartbeatDropped(result.cause() instanceof OverloadedException
          ? (mayDrop ? "overload" : "saturated") : "storage_error");
    });
  }

  private Future<Void> writeState(UUID nodeId, StateChange change, KnownNodeState state, Instant at) {
    if (!change.statusChanged()) {
      // The reported current task is kept in the heartbeat history only: nodes.current_task_id
      // is the scheduler's claim, written with LWTs, and a heartbeat must not overwrite it.
      return Future.succeededFuture();
    }
    return stateWriter.changeReportedStatus(nodeId, change.from(), change.to(), at)
        .compose(stored -> stored == change.to() ? Future.succeededFuture(stored)
            // Another writer (the scheduler faulting the node) changed it first; the node's own
            // report is newer evidence, so move from what is really stored, once.
            : stateWriter.changeReportedStatus(nodeId, stored, change.to(), at))
        .map(stored -> {
          if (stored != change.to()) {
            state.storedStatusIs(stored);
          }
          return null;
        });
  }

  /**
   * Applies a progress report. Succeeds with the outcome when it is durable (APPLIED, or UNCHANGED
   * for a redelivery); fails with a {@link ReportException} for an unknown task, a task of another
   * node or a closed task; with {@link OverloadedException} or a storage error otherwise.
   */
  public Future<ProgressOutcome> progress(UUID nodeId, ProgressReport report) {
    Instant receivedAt = Instant.now();
    return gate.submit(() -> {
      long started = System.nanoTime();
      return progressWriter.apply(report.toTaskProgress(nodeId, receivedAt), exposureLimit)
          .andThen(done -> metrics.writeLatency(IngestMetrics.PROGRESS, System.nanoTime() - started));
    }).compose(outcome -> {
      metrics.progress(outcome.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (outcome.kind() == ProgressOutcome.Kind.APPLIED) {
        publish(EventAddresses.NODE_PROGRESS, IngestEvents.progress(nodeId, report, outcome, receivedAt));
      }
      if (outcome.kind() == ProgressOutcome.Kind.IMPLAUSIBLE_EXPOSURE) {
        return Future.failedFuture(new ImplausibleProgressException(String.format(java.util.Locale.ROOT,
            "exposure_delivered_s %.1f is implausible for task_id %s: at most %.1f s can have been exposed since"
                + " the task's window started (wall-clock time x PROGRESS_MAX_EXPOSURE_RATE + PROGRESS_EXPOSURE_SLACK);"
                + " %.1f s is stored", report.exposureDeliveredS(), report.taskId(), outcome.plausibleMaxS(),
            outcome.exposureDeliveredS())));
      }
      ReportException refusal = refusal(report, outcome);
      return refusal == null ? Future.succeededFuture(outcome) : Future.failedFuture(refusal);
    });
  }

  private static ReportException refusal(ProgressReport report, ProgressOutcome outcome) {
    return switch (outcome.kind()) {
      case APPLIED, UNCHANGED, IMPLAUSIBLE_EXPOSURE -> null;
      case UNKNOWN_TASK -> new ReportException(Code.UNKNOWN_TASK, "task_id",
          "task_id " + report.taskId() + " is not a known task");
      case NOT_ASSIGNED -> new ReportException(Code.TASK_NOT_ASSIGNED, "task_id",
          "task_id " + report.taskId() + " is not assigned to this node");
      case TASK_CLOSED -> new ReportException(Code.TASK_CLOSED, "status",
          "task_id " + report.taskId() + " is already " + outcome.status() + " with "
              + outcome.exposureDeliveredS() + " s delivered; the report would change a closed task");
    };
  }

  /** Results complete on the caller's context, so the current Vert.x is the one to publish on. */
  private static void publish(String address, JsonObject event) {
    var context = Vertx.currentContext();
    if (context != null) {
      context.owner().eventBus().publish(address, event);
    }
  }

  public WriteGate gate() {
    return gate;
  }

  public IngestMetrics metrics() {
    return metrics;
  }
}
