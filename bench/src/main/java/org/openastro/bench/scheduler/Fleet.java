package org.openastro.bench.scheduler;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;

/**
 * The simulated fleet: node ids (index i is node i everywhere in the benchmark) and their sites,
 * spread over the Earth's land latitudes and all longitudes so that every target is up somewhere
 * and each node sees a different part of the sky at any moment.
 */
final class Fleet {
  /** Every node has a clear ("L") filter and one of these. */
  private static final List<String> FILTERS = List.of("R", "G", "B", "V", "Ha");

  private final List<Node> nodes;
  private final Map<UUID, Integer> indexOf;

  private Fleet(List<Node> nodes) {
    this.nodes = nodes;
    this.indexOf = new HashMap<>(nodes.size() * 2);
    for (int i = 0; i < nodes.size(); i++) {
      indexOf.put(nodes.get(i).nodeId(), i);
    }
  }

  /**
   * {@code size} nodes from {@code seed}. They are registered ONLINE, not PARKED as a new node is:
   * the gateway moves a node PARKED -> ONLINE on its first heartbeat with a second LWT, and the
   * scheduler reads the same rows either way, so setting up 100,000 nodes costs one LWT each.
   */
  static Fleet generate(int size, long seed) {
    Random random = new Random(seed);
    double sinSouth = Math.sin(Math.toRadians(-55));
    double sinNorth = Math.sin(Math.toRadians(65));
    Instant now = Instant.now();
    List<Node> nodes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      double lat = Math.toDegrees(Math.asin(sinSouth + random.nextDouble() * (sinNorth - sinSouth)));
      double lon = -180 + random.nextDouble() * 360;
      Set<String> filters = Set.of(FILTERS.get(random.nextInt(FILTERS.size())), "L");
      nodes.add(new Node(new UUID(random.nextLong(), random.nextLong()), NodeStatus.ONLINE,
          round(lat), round(lon), random.nextInt(3000), 50 + random.nextInt(950), 0.2 + random.nextDouble() * 2.8,
          filters, random.nextBoolean() ? MountType.EQ : MountType.ALTAZ,
          random.nextBoolean() ? ControlProtocol.INDI : ControlProtocol.ASCOM_ALPACA, 0.5, null,
          "bench-not-a-secret-hash", now, now));
    }
    return new Fleet(nodes);
  }

  /**
   * The node as registered now: the scheduler watches a node it finds ONLINE before its first stored
   * heartbeat from its status_changed_at, so a stale stamp would fault a node registered late in a
   * long registration before it had a chance to heartbeat.
   */
  private static Node stamped(Node n, Instant at) {
    return new Node(n.nodeId(), n.status(), n.lat(), n.lon(), n.elevationM(), n.apertureMm(), n.fovDeg(), n.filters(),
        n.mountType(), n.controlProtocol(), n.reliabilityScore(), n.currentTaskId(), n.secretHash(), at, at);
  }

  private static double round(double deg) {
    return Math.round(deg * 1e4) / 1e4;
  }

  int size() {
    return nodes.size();
  }

  UUID id(int i) {
    return nodes.get(i).nodeId();
  }

  /** The node's index, or -1 for a node that is not ours. */
  int indexOf(UUID id) {
    return indexOf.getOrDefault(id, -1);
  }

  /**
   * Registers every node through the cql module's repository (the registration LWT and its by-status
   * index row, as the gateway's registration writes them; a failed one is tried twice more), at most
   * {@code inFlight} at once, calling
   * {@code registered} with each node's index as it is stored. Blocks until all are answered;
   * returns how many failed.
   */
  int register(NodeRepository repository, int inFlight, IntConsumer registered) throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < nodes.size(); i++) {
      permits.acquire();
      int index = i;
      Node node = stamped(nodes.get(i), Instant.now());
      Future<?> stored = Attempts.upTo(3, () -> repository.register(node));
      stored.onComplete(r -> {
        if (r.succeeded()) {
          registered.accept(index);
        } else {
          failed.incrementAndGet();
        }
        permits.release();
      });
    }
    permits.acquire(inFlight);
    return failed.get();
  }
}
