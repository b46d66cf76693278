package org.openastro.simulator;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.openastro.simulator.Stats.Counter;
import org.openastro.simulator.Stats.Snapshot;

/**
 * One run: register the nodes, connect them (bounded concurrency), create missions, print a live
 * line, stop at the end condition or the duration, and sum up. The calling thread only waits and
 * prints; nodes live on Vert.x event loops (one context per loop, nodes spread over them).
 */
final class Simulation {
  private static final long MISSION_REFRESH_MS = 2000;
  private static final int REGISTER_ATTEMPTS = 3;

  private final SimOptions o;
  private final PrintStream out;
  private volatile boolean stopRequested;

  Simulation(SimOptions options, PrintStream out) {
    this.o = options;
    this.out = out;
  }

  /**
   * Ends the run at the next check (within {@link #MISSION_REFRESH_MS}) as the duration would: the
   * nodes stop, the summary is printed and the ledger written. For SIGTERM from whoever runs us.
   */
  void requestStop() {
    stopRequested = true;
  }

  /** How a run ended: the summary, and whether its end condition held (missions done, faults settled). */
  record Result(Report.Summary summary, boolean done) {}

  Result run() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(10_000));
    Stats stats = new Stats();
    GatewayApi api = new GatewayApi(vertx, o.gateways(), o.httpNodes() + o.registerConcurrency() + 64,
        o.apiKey(), stats);
    try {
      List<Context> loops = eventLoopContexts(vertx);
      List<NodeIdentity> identities = register(api, stats);
      FaultPlan faults = FaultPlan.of(o.faults(), o.nodes(), o.seed());
      NodeRun run = new NodeRun(o, new HeartbeatSchedule(o.heartbeatInterval(), o.jitter()), faults, stats,
          new FaultLedger(), api, System.nanoTime(), new AtomicInteger(), new AtomicInteger(),
          o.ackLedger() == null ? null : new AckLedger());
      List<TelescopeNode> nodes = connect(identities, loops, run);
      MissionDriver missions = new MissionDriver(api, stats, o.seed());
      if (o.missions() > 0) {
        int created = await(missions.create(o.missions(), o.missionExposureS(),
            identities.stream().map(NodeIdentity::site).toList()), Duration.ofMinutes(2));
        out.printf("created %d of %d missions%n", created, o.missions());
      }
      boolean done = runUntilDone(run, missions);
      double elapsedS = (System.nanoTime() - run.startNanos()) / 1e9;
      stopAll(nodes);
      await(missions.refresh(), Duration.ofMinutes(1));
      Report.Summary summary = new Report.Summary(stats.snapshot(), elapsedS, o.nodes(), o.httpNodes(),
          faults.planned(), run.ledger().view(), missions.created(), missions.byStatus(), run.downNow().get());
      out.print(Report.summary(summary));
      if (run.acks() != null) {
        run.acks().write(o.ackLedger());
        out.printf("wrote %d acknowledged heartbeats and the progress and faults to %s%n", run.acks().heartbeats(),
            o.ackLedger());
      }
      return new Result(summary, done);
    } finally {
      api.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** One context per event loop: nodes bound to them share the loops' threads. */
  private static List<Context> eventLoopContexts(Vertx vertx) throws Exception {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    await(vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start() {
        contexts.add(context);
      }
    }, new DeploymentOptions().setInstances(loops)), Duration.ofSeconds(30));
    return List.copyOf(contexts);
  }

  private List<NodeIdentity> register(GatewayApi api, Stats stats) throws InterruptedException {
    long t0 = System.nanoTime();
    Semaphore permits = new Semaphore(o.registerConcurrency());
    AtomicReferenceArray<NodeIdentity> ids = new AtomicReferenceArray<>(o.nodes());
    for (int i = 0; i < o.nodes(); i++) {
      permits.acquire();
      int index = i;
      Site site = Site.forNode(i, o.nodes(), o.sites());
      registerOne(api, stats, index, site, REGISTER_ATTEMPTS).onComplete(done -> {
        if (done.succeeded()) {
          ids.set(index, new NodeIdentity(index, done.result().getString("node_id"), done.result().getString("secret"), site));
          stats.count(Counter.REGISTERED);
        } else {
          stats.error("register_" + TelescopeNode.reason(done.cause()));
        }
        permits.release();
      });
    }
    permits.acquire(o.registerConcurrency());
    permits.release(o.registerConcurrency());
    List<NodeIdentity> out = new ArrayList<>();
    for (int i = 0; i < o.nodes(); i++) {
      if (ids.get(i) != null) {
        out.add(ids.get(i));
      }
    }
    this.out.printf("registered %d of %d nodes in %.1f s%n", out.size(), o.nodes(), (System.nanoTime() - t0) / 1e9);
    if (out.isEmpty()) {
      this.out.println("no node registered: registration needs --api-key (or OPENASTRO_API_KEY) with role OPERATOR or"
          + " ADMIN; see the register_* errors");
    }
    return out;
  }

  private Future<JsonObject> registerOne(GatewayApi api, Stats stats, int index, Site site, int attempts) {
    return api.registerNode(NodeIdentity.registration(index, site)).recover(t -> {
      // 503 (auth workers saturated) and transport hiccups are worth another try.
      boolean retry = attempts > 1 && (!(t instanceof GatewayApi.HttpFailure f) || f.status == 0 || f.status == 503);
      return retry ? registerOne(api, stats, index, site, attempts - 1) : Future.failedFuture(t);
    });
  }

  private List<TelescopeNode> connect(List<NodeIdentity> identities, List<Context> loops, NodeRun run)
      throws InterruptedException {
    long t0 = System.nanoTime();
    Semaphore permits = new Semaphore(o.connectConcurrency());
    List<TelescopeNode> nodes = new ArrayList<>(identities.size());
    for (NodeIdentity id : identities) {
      Context context = loops.get(id.index() % loops.size());
      TelescopeNode node = new TelescopeNode(id, context, run);
      node.attach(o.speaksHttp(id.index())
          ? new HttpLink(id.nodeId(), id.secret(), run.api(), context, node, run.stats())
          : new MqttLink(id.nodeId(), id.secret(), id.index(), o.gateways(), o.firstGateway(id.index()), o, context,
              node, run.stats()));
      nodes.add(node);
      permits.acquire();
      node.start().onComplete(x -> permits.release());
    }
    permits.acquire(o.connectConcurrency());
    permits.release(o.connectConcurrency());
    out.printf("connected %d of %d nodes in %.1f s%n", run.stats().get(Counter.CONNECTED), identities.size(),
        (System.nanoTime() - t0) / 1e9);
    return nodes;
  }

  /** Waits for the end condition (when missions were asked for) or the duration; prints the live line. */
  private boolean runUntilDone(NodeRun run, MissionDriver missions) throws Exception {
    long deadline = System.nanoTime() + o.duration().toNanos();
    long nextLine = System.nanoTime() + o.statusEvery().toNanos();
    long lastLineAt = System.nanoTime();
    Snapshot previous = null;
    while (true) {
      if (missions.created() > 0) {
        await(missions.refresh(), Duration.ofMinutes(1));
      }
      boolean done = missions.created() > 0 && missions.complete() == missions.created()
          && run.downNow().get() == 0 && run.observing().get() == 0;
      long now = System.nanoTime();
      if (!o.statusEvery().isZero() && now >= nextLine) {
        Snapshot s = run.stats().snapshot();
        out.println(Report.liveLine((now - run.startNanos()) / 1e9, (now - lastLineAt) / 1e9, s, previous,
            run.downNow().get(), missions.complete(), missions.created()));
        previous = s;
        lastLineAt = now;
        nextLine = now + o.statusEvery().toNanos();
      }
      if ((done && o.untilDone()) || now >= deadline || stopRequested) {
        return done;
      }
      Thread.sleep(Math.min(MISSION_REFRESH_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
    }
  }

  private static void stopAll(List<TelescopeNode> nodes) throws Exception {
    List<Future<Void>> all = new ArrayList<>(nodes.size());
    for (TelescopeNode n : nodes) {
      all.add(n.stop());
    }
    await(Future.join(all), Duration.ofMinutes(2));
  }

  private static <T> T await(Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
