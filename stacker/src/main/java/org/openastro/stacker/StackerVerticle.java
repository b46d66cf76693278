package org.openastro.stacker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openastro.api.products.ProductArchive;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.stacking.StackingOutbox;
import org.openastro.events.EventAddresses;
import org.openastro.stacker.stack.FitsStacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stacker role: stacks COMPLETE missions one at a time. Its work list is the stacking outbox
 * (written by the scheduler before a mission's COMPLETE move), read at start and every
 * STACKER_SWEEP_INTERVAL; the completion event ({@link EventAddresses#MISSION_COMPLETED}) only
 * starts a mission sooner. An entry goes once its stack is registered and stored (or there is
 * nothing to stack); a failed run leaves it for the next sweep. The pixel work runs on one worker
 * thread of its own, never on the event loop.
 */
public final class StackerVerticle extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(StackerVerticle.class);
  /** A stacking run may take minutes: Vert.x warns about a worker blocked longer than this, not sooner. */
  private static final long MAX_RUN_MINUTES = 120;

  private final Config config;
  private final StackingOutbox outbox;
  private final ArtifactRepository artifacts;
  private final ProductArchive archive;
  private final MeterRegistry registry;
  private final Set<UUID> queued = new LinkedHashSet<>();
  private WorkerExecutor worker;
  private MissionStacking stacking;
  private boolean running;

  private StackerVerticle(Config config, StackingOutbox outbox, ArtifactRepository artifacts, ProductArchive archive,
      MeterRegistry registry) {
    this.config = config;
    this.outbox = outbox;
    this.artifacts = artifacts;
    this.archive = archive;
    this.registry = registry;
  }

  /** Prepares statements: build at start-up, off the event loop. Counts runs in {@code registry}. */
  public static StackerVerticle of(Config config, Store store, ProductArchive archive, MeterRegistry registry) {
    return new StackerVerticle(config, store.shared(StackingOutbox.class, StackingOutbox::new), store.artifacts(),
        archive, registry);
  }

  /** Whether the process runs the reference stacker at all (STACKING_ENABLED). */
  public static boolean enabled(Config config) {
    return config.get(StackingOutbox.ENABLED);
  }

  @Override
  public void start(Promise<Void> started) {
    worker = vertx.createSharedWorkerExecutor("openastro-stacker", 1, MAX_RUN_MINUTES, TimeUnit.MINUTES);
    stacking = new MissionStacking(vertx, worker, artifacts, archive, new FitsStacker(new FitsStacker.Options(
        config.get(StackerSettings.CLIP_SIGMA), config.get(StackerSettings.CLIP_ITERATIONS),
        config.get(StackerSettings.MAX_FRAMES_IN_MEMORY),
        config.get(StackerSettings.MAX_OUTPUT_MEGAPIXELS) * 1_000_000L)),
        config.get(StackerSettings.WORK_DIR).toAbsolutePath(), config.get(StackerSettings.MAX_FRAMES));
    vertx.eventBus().<JsonObject>consumer(EventAddresses.MISSION_COMPLETED, message -> {
      try {
        enqueue(UUID.fromString(message.body().getString("mission_id")));
      } catch (RuntimeException e) {
        LOG.warn("Completion event without a mission id: {}", message.body());
      }
    }).completion().onComplete(registered -> {
      vertx.setPeriodic(0, config.get(StackerSettings.SWEEP_INTERVAL).toMillis(), id -> sweep());
      started.handle(registered);
    });
  }

  @Override
  public void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  /** {@code openastro_stacker_missions_total{outcome}}: how each run ended (README "Metrics"). */
  private void count(String outcome) {
    Counter.builder("openastro.stacker.missions").description("stacking runs by how they ended")
        .tag("outcome", outcome).register(registry).increment();
  }

  private void sweep() {
    outbox.all().onSuccess(missions -> missions.forEach(this::enqueue))
        .onFailure(t -> LOG.warn("Could not read the stacking work list: {}", t.toString()));
  }

  private void enqueue(UUID missionId) {
    if (queued.add(missionId)) {
      next();
    }
  }

  private void next() {
    if (running || queued.isEmpty()) {
      return;
    }
    UUID missionId = queued.iterator().next();
    running = true;
    Future<MissionStacking.Outcome> run;
    try {
      run = stacking.run(missionId);
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    run.compose(outcome -> outbox.remove(missionId).map(outcome))
        .onComplete(result -> {
          count(result.succeeded() ? result.result().name().toLowerCase(Locale.ROOT) : "failed");
          if (result.failed()) {
            LOG.warn("Stacking mission {} failed; retried at the next sweep: {}", missionId,
                result.cause().toString());
          }
          queued.remove(missionId);
          running = false;
          next();
        });
  }
}
