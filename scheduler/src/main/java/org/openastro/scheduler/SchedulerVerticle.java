package org.openastro.scheduler;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.openastro.events.EventAddresses;
import org.openastro.scheduler.run.SchedulerAssembly;
import org.openastro.scheduler.run.SchedulerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's wiring into Vert.x. The logic (visibility, assignment, faults, remainders)
 * lives in plain classes; this verticle only connects it to the event bus and timers.
 */
public final class SchedulerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);

  private final SchedulerAssembly assembly;
  private final Clock clock;
  private SchedulerLoop loop;

  /** {@code assembly}: built at start-up (off the event loop), see {@link SchedulerAssembly#build}. */
  public SchedulerVerticle(SchedulerAssembly assembly) {
    this(assembly, Clock.systemUTC());
  }

  SchedulerVerticle(SchedulerAssembly assembly, Clock clock) {
    this.assembly = assembly;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    loop = assembly.loop(vertx, clock);
    // Gateways publish heartbeats per shard, and the loop listens to its shards' addresses; this
    // one is for gateways older than that, so that schedulers can be upgraded first.
    vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_HEARTBEAT,
        msg -> loop.onHeartbeat(msg.body()));
    vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_PROGRESS,
        msg -> loop.onProgress(msg.body()));
    vertx.eventBus().<JsonObject>consumer(EventAddresses.MISSION_CREATED,
        msg -> loop.onMissionCreated(msg.body()));
    vertx.eventBus().<JsonObject>consumer(EventAddresses.MISSION_RELOCATED,
        msg -> loop.onMissionRelocated(msg.body()));
    return loop.start().onSuccess(x -> LOG.info("Scheduler started"));
  }

  @Override
  public Future<?> stop() {
    return loop == null ? Future.succeededFuture() : loop.stop();
  }
}
