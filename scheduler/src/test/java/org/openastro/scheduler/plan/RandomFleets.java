package org.openastro.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionConstraints;
import org.openastro.cql.node.HorizonPoint;
import org.openastro.cql.node.Node;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ScienceCase;

/**
 * Random fleets and missions for the assignment property tests: sites all over the Earth (the
 * poles, the date line and the sky's 180..360° east longitudes included, high latitudes
 * oversampled for polar days and nights), targets anywhere, every mission constraint now and then.
 */
final class RandomFleets {
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private final Random random;

  RandomFleets(Random random) {
    this.random = random;
  }

  /** Any moment of four years. */
  Instant instant() {
    return EPOCH.plusSeconds((long) (random.nextDouble() * 4 * 365 * 86_400));
  }

  Duration lookahead() {
    return switch (random.nextInt(8)) {
      case 0 -> Duration.ZERO;
      case 1 -> Duration.ofMinutes(2);
      case 2 -> Duration.ofHours(6);
      case 3 -> Duration.ofHours(30);
      default -> Duration.ofMinutes(30);
    };
  }

  /** Any target; altitude, night, airmass, Sun, Moon, hour angle and time constraints at random. */
  Mission mission(Instant now) {
    double ra = random.nextDouble() * 360;
    double dec = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
    double minAlt = random.nextInt(10) == 0 ? -5 + random.nextDouble() * 10 : random.nextDouble() * 85;
    boolean night = random.nextInt(10) < 7;
    Double airmass = random.nextInt(5) == 0 ? 1 + random.nextDouble() * 2 : null;
    Double sun = night && random.nextInt(3) == 0 ? -18 + random.nextDouble() * 18 : null;
    Double moonSeparation = random.nextInt(10) == 0 ? random.nextDouble() * 60 : null;
    Double illumination = random.nextInt(10) == 0 ? random.nextDouble() : null;
    Double hourAngle = random.nextInt(10) == 0 ? random.nextDouble() * 6 : null;
    Instant start = null;
    Instant end = null;
    if (random.nextInt(5) == 0) {
      start = now.plusSeconds(random.nextInt(7200) - 3600);
      end = start.plusSeconds(random.nextInt(7200));
    }
    return new Mission(UUID.randomUUID(), ra, dec, ScienceCase.DEEP_STACK, 3600, 0, 50, start, end,
        MissionStatus.PENDING, null, minAlt, night, Set.of(), null, null, "test", now,
        new MissionConstraints(airmass, moonSeparation, illumination, sun, hourAngle));
  }

  /** Free nodes; one in ten with a horizon mask. */
  List<Node> fleet(int size) {
    List<Node> fleet = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      double lat = switch (random.nextInt(20)) {
        case 0 -> random.nextBoolean() ? 90 : -90;
        case 1, 2, 3 -> (random.nextBoolean() ? 1 : -1) * (60 + random.nextDouble() * 30);
        default -> Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
      };
      double lon = switch (random.nextInt(20)) {
        case 0 -> random.nextBoolean() ? 180 : -180;
        case 1 -> 180 + random.nextDouble() * 180; // the sky's 180..360 east
        default -> -180 + random.nextDouble() * 360;
      };
      Node node = new Node(UUID.randomUUID(), NodeStatus.ONLINE, lat, lon, random.nextDouble() * 3000, 300, 1,
          Set.of("V"), MountType.EQ, ControlProtocol.INDI, random.nextDouble(), null, null, EPOCH, EPOCH);
      if (random.nextInt(10) == 0) {
        node = node.withHorizon(List.of(new HorizonPoint(0, random.nextDouble() * 40),
            new HorizonPoint(180, random.nextDouble() * 40)));
      }
      fleet.add(node);
    }
    return fleet;
  }
}
