package org.openastro.simulator;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.openastro.simulator.Stats.Counter;

/**
 * Creates missions the simulated nodes can work on now, and follows them. Each target is the
 * point overhead one simulated node (picked at random) right now; the visibility API confirms the
 * target is up there before the mission is submitted. Missions are not night-only, so the Sun
 * does not decide whether a run has work.
 */
final class MissionDriver {
  static final double MIN_ALTITUDE_DEG = 30;
  private static final int TRIES_PER_MISSION = 5;
  private static final Set<String> FINAL = Set.of("COMPLETE", "EXPIRED");

  private final GatewayApi api;
  private final Stats stats;
  private final SplittableRandom random;
  private final Map<String, String> statusById = new ConcurrentHashMap<>();

  MissionDriver(GatewayApi api, Stats stats, long seed) {
    this.api = api;
    this.stats = stats;
    this.random = new SplittableRandom(seed ^ 0x5eed);
  }

  /** Creates {@code count} missions of {@code exposureS} each; succeeds with how many were created. */
  Future<Integer> create(int count, double exposureS, List<Site> nodeSites) {
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(createOne(exposureS, nodeSites, TRIES_PER_MISSION).recover(t -> {
        stats.error("mission_" + TelescopeNode.reason(t));
        return Future.succeededFuture();
      }));
    }
    return Future.join(all).map(x -> statusById.size());
  }

  private Future<Void> createOne(double exposureS, List<Site> nodeSites, int triesLeft) {
    Site site = nodeSites.get(pick(nodeSites.size()));
    Instant now = Instant.now();
    Sky.Target target = Sky.zenith(site, now);
    String query = String.format(Locale.ROOT, "lat=%.4f&lon=%.4f&elev=%.0f&ra=%.5f&dec=%.5f&minAlt=%.0f&night=false&to=%s",
        site.lat(), site.lon(), site.elevationM(), target.raDeg(), target.decDeg(), MIN_ALTITUDE_DEG,
        now.plus(Duration.ofHours(2)));
    int priority = 1 + pick(100);
    return api.visibility(query).compose(v -> {
      JsonArray windows = v.getJsonArray("windows", new JsonArray());
      boolean upNow = !windows.isEmpty()
          && !Instant.parse(windows.getJsonObject(0).getString("start")).isAfter(now.plusSeconds(60));
      if (!upNow) {
        return triesLeft > 1 ? createOne(exposureS, nodeSites, triesLeft - 1)
            : Future.failedFuture(new IllegalStateException("no_visible_target"));
      }
      JsonObject mission = new JsonObject()
          .put("target_ra", target.raDeg()).put("target_dec", target.decDeg())
          .put("science_case", "DEEP_STACK")
          // Every simulated node has at least 200 mm; smaller ones (a harness's probes) are left alone.
          .put("min_aperture_mm", NodeIdentity.MIN_APERTURE_MM)
          .put("total_exposure_required_s", exposureS)
          .put("priority", priority)
          .put("night_only", false)
          .put("min_altitude_deg", MIN_ALTITUDE_DEG)
          .put("time_constraint_start", now.minusSeconds(60).toString())
          .put("time_constraint_end", now.plus(Duration.ofDays(1)).toString());
      return api.createMission(mission).map(created -> {
        statusById.put(created.getString("mission_id"), created.getString("status", "PENDING"));
        stats.count(Counter.MISSIONS_CREATED);
        return null;
      });
    });
  }

  /** Reads every mission not yet COMPLETE or EXPIRED. */
  Future<Void> refresh() {
    List<Future<Void>> reads = new ArrayList<>();
    statusById.forEach((id, status) -> {
      if (!FINAL.contains(status)) {
        reads.add(api.mission(id).map(m -> {
          statusById.put(id, m.getString("status"));
          return (Void) null;
        }).recover(t -> {
          stats.error("mission_read_" + TelescopeNode.reason(t));
          return Future.succeededFuture();
        }));
      }
    });
    return Future.join(reads).mapEmpty();
  }

  /** Retries complete on event-loop threads: the shared random is guarded. */
  private synchronized int pick(int bound) {
    return random.nextInt(bound);
  }

  int created() {
    return statusById.size();
  }

  int complete() {
    return (int) statusById.values().stream().filter("COMPLETE"::equals).count();
  }

  /** Status → how many missions are in it. */
  Map<String, Integer> byStatus() {
    Map<String, Integer> out = new TreeMap<>();
    statusById.values().forEach(s -> out.merge(s, 1, Integer::sum));
    return out;
  }
}
