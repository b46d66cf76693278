package org.openastro.chaos;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A few telescopes of the run's own, beside the simulator's, that heartbeat over HTTP until they
 * are told to fall silent: the moment of a kill, so that the time from a probe's last
 * acknowledged heartbeat to FAULTED measures fault detection across it. They are smaller than any
 * mission wants ({@value #APERTURE_MM} mm), so they never hold work and their silence costs no
 * mission anything.
 */
final class Probes implements AutoCloseable {
  static final int APERTURE_MM = 100;

  private final Supplier<ServerProcess> gateways;
  private final Duration interval;
  private final List<UUID> ids = new ArrayList<>();
  private final Map<UUID, String> secrets = new ConcurrentHashMap<>();
  private final Map<UUID, Long> lastAckMs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "chaos-probes");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean silent;

  /** {@code gateways} gives a live gateway for each request (round robin over those up). */
  Probes(Supplier<ServerProcess> gateways, Duration interval) {
    this.gateways = gateways;
    this.interval = interval;
  }

  /** Registers {@code count} probes with {@code adminKey} and starts them heartbeating ONLINE. */
  void start(int count, String adminKey) throws Exception {
    for (int i = 0; i < count; i++) {
      HttpResponse<String> r = gateways.get().post("/api/v1/nodes", adminKey, new JsonObject()
          .put("location", new JsonObject().put("lat", -30.0 + i).put("lon", 70.0).put("elevation_m", 2000))
          .put("aperture_mm", APERTURE_MM).put("fov_deg", 1.0)
          .put("mount_type", "EQ").put("control_protocol", "INDI").encode());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("probe registration answered " + r.statusCode() + ": " + r.body());
      }
      JsonObject node = new JsonObject(r.body());
      UUID id = UUID.fromString(node.getString("node_id"));
      ids.add(id);
      secrets.put(id, node.getString("secret"));
    }
    timer.scheduleAtFixedRate(this::beatAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beatAll() {
    for (UUID id : ids) {
      if (silent) {
        return;
      }
      try {
        HttpResponse<String> r = gateways.get().post("/api/v1/nodes/" + id + "/heartbeat", secrets.get(id),
            "{\"status\": \"ONLINE\"}");
        if (r.statusCode() == 204) {
          lastAckMs.put(id, System.currentTimeMillis());
        }
      } catch (Exception e) {
        // a gateway being killed: the next beat goes elsewhere
      }
    }
  }

  /** Stops every heartbeat now; answers each probe's last acknowledged heartbeat time (ms). */
  Map<UUID, Long> silence() throws InterruptedException {
    silent = true;
    timer.shutdown();
    timer.awaitTermination(30, TimeUnit.SECONDS);
    return Map.copyOf(lastAckMs);
  }

  List<UUID> ids() {
    return List.copyOf(ids);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
