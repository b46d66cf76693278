package org.openastro.simulator;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.openastro.simulator.NodeLink.Refused;
import org.openastro.simulator.Stats.Counter;

/**
 * One simulated telescope: heartbeats with jitter, takes assignments one at a time, "exposes"
 * with compressed time reporting cumulative progress, and — when the fault plan says so — fails
 * mid-task (no heartbeats, link cut), stays away, and comes back. Everything runs on the node's
 * Vert.x context; the transport is a {@link NodeLink}.
 */
final class TelescopeNode implements NodeLink.Listener {
  private static final long RECONNECT_DELAY_MS = 2000;

  private enum Phase { NEW, CONNECTING, UP, DOWN, STOPPED }

  /** The task being exposed: real time is compressed by the exposure speed from {@code startedNanos}. */
  private record Exposure(String taskId, double requiredS, double deliveredAtStartS, long startedNanos,
      JsonObject task) {
    /** Still waiting for its window to open: nothing exposed yet, so another task may go first. */
    boolean waiting() {
      return startedNanos - System.nanoTime() > 0;
    }
  }

  final NodeIdentity identity;
  private final Context context;
  private final NodeRun run;
  private final SplittableRandom random;
  private NodeLink link;
  private Phase phase = Phase.NEW;
  private long heartbeatTimer = -1;
  private long exposureTimer = -1;
  private long watchTimer = -1;
  private Exposure current;
  private boolean reportInFlight;
  private final Map<String, JsonObject> queued = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final Set<String> finished = new HashSet<>();
  private boolean faultedOnce;
  private long heartbeatSeq;
  private boolean seenFaulted;
  private Promise<Void> firstConnect;

  TelescopeNode(NodeIdentity identity, Context context, NodeRun run) {
    this.identity = identity;
    this.context = context;
    this.run = run;
    this.random = new SplittableRandom(run.options().seed() * 31 + identity.index());
  }

  void attach(NodeLink link) {
    this.link = link;
  }

  /** Connects for the first time; the future completes (on any outcome) when that attempt ends. */
  Future<Void> start() {
    Promise<Void> attempt = Promise.promise();
    context.runOnContext(v -> {
      firstConnect = attempt;
      connect(false);
    });
    return attempt.future();
  }

  /** Stops everything and closes the link politely. */
  Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(v -> {
      boolean wasDown = phase == Phase.DOWN;
      phase = Phase.STOPPED;
      cancelTimers();
      if (wasDown) {
        run.downNow().decrementAndGet();
      }
      if (watchTimer >= 0) {
        context.owner().cancelTimer(watchTimer);
        watchTimer = -1;
        run.observing().decrementAndGet();
      }
      link.close().onComplete(x -> stopped.complete());
    });
    return stopped.future();
  }

  private void connect(boolean again) {
    phase = Phase.CONNECTING;
    link.connect().onComplete(done -> {
      if (phase != Phase.CONNECTING) {
        firstConnected();
        return; // stopped meanwhile
      }
      if (done.failed()) {
        run.stats().error(reason(done.cause()));
        firstConnected();
        context.owner().setTimer(RECONNECT_DELAY_MS + random.nextLong(RECONNECT_DELAY_MS), t -> {
          if (phase == Phase.CONNECTING) {
            connect(again);
          }
        });
        return;
      }
      phase = Phase.UP;
      run.stats().count(again ? Counter.RECONNECTS : Counter.CONNECTED);
      firstConnected();
      if (current != null) {
        status("BUSY", current.taskId());
        startExposureTimer();
      } else {
        status("ONLINE", null);
        link.wantTasks();
      }
      heartbeatTimer = context.owner().setTimer(run.schedule().firstDelayMs(random), t -> beat());
    });
  }

  /** Lets the run start the next CONNECT once this node's first attempt has ended (and been counted). */
  private void firstConnected() {
    if (firstConnect != null) {
      firstConnect.complete();
      firstConnect = null;
    }
  }

  private void beat() {
    heartbeatTimer = -1;
    if (phase != Phase.UP) {
      return;
    }
    send(null);
    heartbeatTimer = context.owner().setTimer(run.schedule().nextDelayMs(random), t -> beat());
  }

  /** A status change is a JSON heartbeat, sent at once; the periodic ones stay empty. */
  private void status(String status, String taskId) {
    send(new JsonObject().put("status", status).put("current_task_id", taskId));
  }

  private void send(JsonObject body) {
    run.stats().count(Counter.HEARTBEATS_SENT);
    if (run.acks() == null) {
      link.heartbeat(body).onFailure(t -> run.stats().error(reason(t)));
      return;
    }
    // Numbered, so that each acknowledged one can be found in the history afterwards.
    long seq = ++heartbeatSeq;
    JsonObject numbered = (body == null ? new JsonObject() : body.copy())
        .put("telemetry", new JsonObject().put("seq", seq));
    link.heartbeat(numbered).onComplete(done -> {
      if (done.succeeded()) {
        run.acks().heartbeatAcked(identity.nodeId(), seq);
      } else {
        run.stats().error(reason(done.cause()));
      }
    });
  }

  @Override
  public void downlink(JsonObject message) {
    if (phase == Phase.STOPPED || phase == Phase.DOWN) {
      return;
    }
    run.stats().count(Counter.DOWNLINK_MESSAGES);
    JsonObject task = message.getJsonObject("task");
    String taskId = task == null ? null : task.getString("task_id");
    if (taskId == null) {
      run.stats().error("downlink_without_task");
      return;
    }
    if ("cancellation".equals(message.getString("type"))) {
      queued.remove(taskId);
      if (current != null && current.taskId().equals(taskId)) {
        run.stats().count(Counter.CANCELLATIONS);
        finished.add(taskId);
        endExposure();
      }
      return;
    }
    if (finished.contains(taskId) || (current != null && current.taskId().equals(taskId))) {
      return; // a resend (on every SUBSCRIBE, or a QoS 1 redelivery): assignments are idempotent
    }
    if (seen.add(taskId)) {
      run.stats().count(Counter.TASKS_RECEIVED);
      String parent = task.getString("remainder_of");
      if (parent != null) {
        run.stats().count(Counter.REMAINDERS_RECEIVED);
        run.ledger().remainderReceived(taskId, parent);
      }
    }
    if (current == null) {
      begin(task);
    } else if (current.waiting() && System.nanoTime() + untilWindowOpensNanos(task) < current.startedNanos()) {
      // Its window opens first: a telescope observes what is up, not what it was told first.
      queued.put(current.taskId(), current.task());
      cancelExposureTimer();
      begin(task);
    } else {
      queued.put(taskId, task);
    }
  }

  @Override
  public void lost(String reason) {
    if (phase != Phase.UP) {
      return;
    }
    run.stats().error(reason);
    cancelTimers();
    connect(true);
  }

  private void begin(JsonObject task) {
    // A telescope cannot expose before its window opens (the target is not up yet there), and the
    // gateway refuses exposure beyond what the window allowed: the exposure starts then.
    current = new Exposure(task.getString("task_id"), task.getDouble("exposure_required_s", 0.0),
        task.getDouble("exposure_delivered_s", 0.0), System.nanoTime() + untilWindowOpensNanos(task), task);
    status("BUSY", current.taskId());
    startExposureTimer();
  }

  private void startExposureTimer() {
    if (exposureTimer < 0) {
      exposureTimer = context.owner().setPeriodic(run.options().progressInterval().toMillis(), t -> report());
    }
  }

  private void report() {
    if (phase != Phase.UP || current == null || reportInFlight) {
      return;
    }
    Exposure e = current;
    double elapsedS = (System.nanoTime() - e.startedNanos()) / 1e9;
    if (elapsedS <= 0) {
      return; // the window has not opened yet
    }
    double delivered = Math.min(e.requiredS(), e.deliveredAtStartS() + elapsedS * run.options().exposureSpeed());
    boolean done = delivered >= e.requiredS();
    JsonObject body = new JsonObject().put("task_id", e.taskId())
        .put("exposure_delivered_s", Math.round(delivered * 1000) / 1000.0)
        .put("status", done ? "SUCCESS" : "EXECUTING");
    if (done) {
      body.put("fits_object_storage_paths", new JsonArray().add("sim://" + identity.nodeId() + "/" + e.taskId() + ".fits"));
    }
    reportInFlight = true;
    run.stats().count(Counter.PROGRESS_SENT);
    link.progress(body).onComplete(ack -> {
      reportInFlight = false;
      if (ack.succeeded() && run.acks() != null) {
        run.acks().progressAcked(identity.nodeId(), e.taskId(), body.getDouble("exposure_delivered_s"));
      }
      if (phase != Phase.UP || current != e) {
        return;
      }
      if (ack.failed()) {
        run.stats().error(reason(ack.cause()));
        if (ack.cause() instanceof Refused) {
          finished.add(e.taskId()); // closed or taken away meanwhile: give it up
          endExposure();
        }
        return;
      }
      if (done) {
        run.stats().count(Counter.TASKS_COMPLETED);
        run.ledger().completed(e.taskId());
        finished.add(e.taskId());
        endExposure();
      } else if (!faultedOnce && run.faults().due(identity.index(), run.sinceStart())) {
        fault();
      }
    });
  }

  /** Real time until the task's window opens (0 if it is open, or the task does not say). */
  static long untilWindowOpensNanos(JsonObject task) {
    String start = task.getString("window_start");
    if (start == null) {
      return 0;
    }
    try {
      return Math.max(0, java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(start)).toNanos());
    } catch (java.time.format.DateTimeParseException e) {
      return 0;
    }
  }

  /** Idle again: ONLINE, then the queued assignment whose window opens first, or a request for work. */
  private void endExposure() {
    current = null;
    cancelExposureTimer();
    status("ONLINE", null);
    JsonObject task = queued.values().stream()
        .min(java.util.Comparator.comparingLong(TelescopeNode::untilWindowOpensNanos)).orElse(null);
    if (task != null) {
      queued.remove(task.getString("task_id"));
      begin(task);
    } else {
      link.wantTasks();
    }
  }

  /** Fails mid-task: heartbeats stop, the link is cut, the exposure is lost; back after the plan's time. */
  private void fault() {
    faultedOnce = true;
    phase = Phase.DOWN;
    run.downNow().incrementAndGet();
    run.stats().count(Counter.FAULTS_INJECTED);
    run.ledger().interrupted(current.taskId());
    if (run.acks() != null) {
      run.acks().wentDown(identity.nodeId());
    }
    cancelTimers();
    current = null;
    queued.clear();
    link.drop();
    run.observing().incrementAndGet();
    watchTimer = context.owner().setPeriodic(run.options().statusEvery().isZero() ? 1000
        : Math.min(1000, run.options().statusEvery().toMillis()), t -> watchServer());
    context.owner().setTimer(Math.max(1, run.faults().downFor().toMillis()), t -> {
      if (phase == Phase.DOWN) {
        run.downNow().decrementAndGet();
        if (run.acks() != null) {
          run.acks().cameBack(identity.nodeId());
        }
        connect(true);
      }
    });
  }

  /** Polls the node as the server sees it: FAULTED while away (seen), not FAULTED once back (recovered). */
  private void watchServer() {
    run.api().node(identity.nodeId()).onComplete(done -> context.runOnContext(v -> {
      if (watchTimer < 0) {
        return;
      }
      if (done.failed()) {
        run.stats().error("watch_" + reason(done.cause()));
        return;
      }
      boolean faultedThere = "FAULTED".equals(done.result().getString("status"));
      if (faultedThere && !seenFaulted) {
        seenFaulted = true;
        run.stats().count(Counter.FAULTS_SEEN_BY_SERVER);
      }
      if (phase == Phase.UP && !faultedThere) {
        if (seenFaulted) {
          run.stats().count(Counter.FAULTS_RECOVERED);
        }
        context.owner().cancelTimer(watchTimer);
        watchTimer = -1;
        run.observing().decrementAndGet();
      }
    }));
  }

  private void cancelTimers() {
    if (heartbeatTimer >= 0) {
      context.owner().cancelTimer(heartbeatTimer);
      heartbeatTimer = -1;
    }
    cancelExposureTimer();
  }

  private void cancelExposureTimer() {
    if (exposureTimer >= 0) {
      context.owner().cancelTimer(exposureTimer);
      exposureTimer = -1;
    }
  }

  static String reason(Throwable t) {
    if (t instanceof Refused r) {
      return r.reason;
    }
    if (t instanceof GatewayApi.HttpFailure f) {
      return f.reason;
    }
    String m = t.getMessage();
    return m != null && m.matches("[A-Za-z0-9_]+") ? m : t.getClass().getSimpleName();
  }

  boolean down() {
    return phase == Phase.DOWN;
  }
}
