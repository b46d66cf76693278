package org.openastro.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one simulation run is told, as plain values (the command line fills it; tests build
 * it directly).
 *
 * @param gateways the gateways to spread the nodes over (node {@code i} starts on gateway {@code i mod n}
 *     and moves on to the next when its gateway stops answering)
 * @param nodes how many telescope nodes to play
 * @param httpShare share of nodes that speak HTTP instead of MQTT (0–1)
 * @param heartbeatInterval mean time between heartbeats of one node
 * @param jitter each heartbeat delay is the interval times 1 ± this (0–1)
 * @param heartbeatQos MQTT QoS of heartbeats (0 or 1; only QoS 1 has an acknowledgement to time)
 * @param keepAlive MQTT keep-alive (pings also count as heartbeats on the server)
 * @param exposureSpeed seconds of exposure delivered per real second
 * @param progressInterval real time between two progress reports of an exposing node
 * @param faults which nodes fail mid-task, when and for how long
 * @param missions missions to create once the nodes are up (0 = none)
 * @param missionExposureS exposure each mission asks for (s)
 * @param apiKey API key sent as {@code Authorization: Bearer} on registration (role OPERATOR or ADMIN) and to
 *     the mission and node-read API (SUBMITTER or ADMIN); null = none, and then no node can register
 * @param duration longest run once the nodes are connected (and the missions created)
 * @param untilDone end as soon as every mission is COMPLETE and every fault has recovered
 * @param sites sites to place nodes at (round robin); empty = spread over the globe
 * @param registerConcurrency registrations in flight at once
 * @param connectConcurrency MQTT CONNECTs pending at once (the gateway says "busy" past AUTH_MAX_PENDING)
 * @param statusEvery period of the live progress line (zero = no line)
 * @param seed seed of every random choice (sites, faults, jitter, mission targets)
 * @param ackLedger where to write every acknowledgement at the end ({@link AckLedger}); null = nowhere, and
 *     periodic heartbeats stay empty (with a ledger they carry a sequence number in their telemetry)
 */
record SimOptions(List<Gateway> gateways, int nodes, double httpShare, Duration heartbeatInterval,
    double jitter, int heartbeatQos, Duration keepAlive, double exposureSpeed, Duration progressInterval,
    FaultPlan.Spec faults, int missions, double missionExposureS, String apiKey, Duration duration,
    boolean untilDone, List<Site> sites, int registerConcurrency, int connectConcurrency, Duration statusEvery,
    long seed, Path ackLedger) {

  SimOptions {
    if (nodes < 1) {
      throw new IllegalArgumentException("--nodes must be at least 1");
    }
    if (!(httpShare >= 0 && httpShare <= 1)) {
      throw new IllegalArgumentException("--http-share must be between 0 and 1");
    }
    if (heartbeatQos != 0 && heartbeatQos != 1) {
      throw new IllegalArgumentException("--heartbeat-qos must be 0 or 1");
    }
    if (!(exposureSpeed > 0)) {
      throw new IllegalArgumentException("--exposure-speed must be greater than 0");
    }
    if (missions < 0 || !(missionExposureS > 0)) {
      throw new IllegalArgumentException("--missions must be at least 0 and --mission-exposure positive");
    }
    if (registerConcurrency < 1 || connectConcurrency < 1) {
      throw new IllegalArgumentException("concurrencies must be at least 1");
    }
    if (gateways.isEmpty()) {
      throw new IllegalArgumentException("at least one gateway is needed");
    }
    gateways = List.copyOf(gateways);
    sites = List.copyOf(sites);
  }

  /** The gateway node {@code index} talks to first: nodes spread evenly, as a load balancer would. */
  int firstGateway(int index) {
    return index % gateways.size();
  }

  /** Node {@code index} speaks HTTP: the last {@code httpShare} of the indexes (stable, no randomness). */
  boolean speaksHttp(int index) {
    return index >= nodes - httpNodes();
  }

  int httpNodes() {
    return (int) Math.round(nodes * httpShare);
  }
}
