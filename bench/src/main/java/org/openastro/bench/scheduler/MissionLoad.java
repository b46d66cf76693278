package org.openastro.bench.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;

/**
 * The active missions: targets spread over the sky (uniform in right ascension and in sin(dec)
 * from -60 to +70 deg), night only, above 30 deg, each {@code exposureS} long, priorities 1-100, open
 * for a week. They are stored through the cql repository without the intake's
 * {@code openastro.mission.created} event, so that the schedulers' mission sweep plans them, as it
 * plans every active mission: what is timed is that sweep.
 */
final class MissionLoad {
  private MissionLoad() {}

  /**
   * Stores {@code count} missions, {@code inFlight} at a time, a failed one tried twice more; blocks
   * until all are answered, returns the failures.
   */
  static int create(MissionRepository missions, int count, double exposureS, long seed, int inFlight)
      throws InterruptedException {
    Random random = new Random(seed);
    double sinSouth = Math.sin(Math.toRadians(-60));
    double sinNorth = Math.sin(Math.toRadians(70));
    Instant now = Instant.now();
    Semaphore permits = new Semaphore(inFlight);
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      double ra = random.nextDouble() * 360;
      double dec = Math.toDegrees(Math.asin(sinSouth + random.nextDouble() * (sinNorth - sinSouth)));
      Mission m = new Mission(new UUID(random.nextLong(), random.nextLong()), Math.round(ra * 1e4) / 1e4,
          Math.round(dec * 1e4) / 1e4, ScienceCase.DEEP_STACK, exposureS, 0, 1 + random.nextInt(100), null,
          now.plus(Duration.ofDays(7)), MissionStatus.PENDING, null, 30, true, null, null, null, "bench", now);
      permits.acquire();
      Attempts.upTo(3, () -> missions.create(m)).onComplete(r -> {
        if (r.failed()) {
          failed.incrementAndGet();
        }
        permits.release();
      });
    }
    permits.acquire(inFlight);
    return failed.get();
  }
}
